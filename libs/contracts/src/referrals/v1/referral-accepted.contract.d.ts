import type { CareStep, ReferralUrgency } from './vocabulary';
/** Triage accepted a referral to a step at a providing organisation; a care episode was opened for it. */
export interface ReferralAcceptedV1 {
    referralId: string;
    episodeId: string;
    step: CareStep;
    providingOrganisationId: string;
    receivingOrganisationId: string;
    urgency: ReferralUrgency;
    /** ISO 8601: when the referral was received (the start of the waiting clock). */
    referredAt: string;
    /** ISO 8601. */
    acceptedAt: string;
}
export declare class ReferralAcceptedV1Payload implements ReferralAcceptedV1 {
    referralId: string;
    episodeId: string;
    step: CareStep;
    providingOrganisationId: string;
    receivingOrganisationId: string;
    urgency: ReferralUrgency;
    referredAt: string;
    acceptedAt: string;
}
export declare const ReferralAcceptedV1Contract: import("../../contract").IntegrationContract<ReferralAcceptedV1>;
