import type { ReferralUrgency, UrgentTriageReason } from './vocabulary';
/** A referral needs triage at once (crisis urgency or a flagged risk); it sorts first in every queue. */
export interface UrgentTriageNeededV1 {
    referralId: string;
    receivingOrganisationId: string;
    urgency: ReferralUrgency;
    reasons: UrgentTriageReason[];
    /** ISO 8601. */
    raisedAt: string;
}
export declare class UrgentTriageNeededV1Payload implements UrgentTriageNeededV1 {
    referralId: string;
    receivingOrganisationId: string;
    urgency: ReferralUrgency;
    reasons: UrgentTriageReason[];
    raisedAt: string;
}
export declare const UrgentTriageNeededV1Contract: import("../../contract").IntegrationContract<UrgentTriageNeededV1>;
