/** Triage returned a referral to its referrer with advice (the advice itself stays in the referrals service). */
export interface ReferralReturnedV1 {
    referralId: string;
    receivingOrganisationId: string;
    /** Null for a self-referral. */
    referrerOrganisationId: string | null;
    /** ISO 8601. */
    decidedAt: string;
}
export declare class ReferralReturnedV1Payload implements ReferralReturnedV1 {
    referralId: string;
    receivingOrganisationId: string;
    referrerOrganisationId: string | null;
    decidedAt: string;
}
export declare const ReferralReturnedV1Contract: import("../../contract").IntegrationContract<ReferralReturnedV1>;
