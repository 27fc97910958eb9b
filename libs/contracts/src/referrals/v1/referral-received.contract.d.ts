import type { ReferralSource, ReferralUrgency } from './vocabulary';
/** A referral reached a receiving organisation. Ids only: the patient is the event's `patientSubjectId`. */
export interface ReferralReceivedV1 {
    referralId: string;
    source: ReferralSource;
    urgency: ReferralUrgency;
    /** ODS code of the organisation the referral was sent to. */
    receivingOrganisationId: string;
    /** ODS code of the referring organisation; null for a self-referral. */
    referrerOrganisationId: string | null;
    /** ISO 8601. */
    receivedAt: string;
}
export declare class ReferralReceivedV1Payload implements ReferralReceivedV1 {
    referralId: string;
    source: ReferralSource;
    urgency: ReferralUrgency;
    receivingOrganisationId: string;
    referrerOrganisationId: string | null;
    receivedAt: string;
}
export declare const ReferralReceivedV1Contract: import("../../contract").IntegrationContract<ReferralReceivedV1>;
