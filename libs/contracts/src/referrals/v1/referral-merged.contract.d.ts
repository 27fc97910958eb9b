/** Triage folded a referral into another open referral of the same patient. */
export interface ReferralMergedV1 {
    referralId: string;
    mergedIntoReferralId: string;
    /** ISO 8601. */
    decidedAt: string;
}
export declare class ReferralMergedV1Payload implements ReferralMergedV1 {
    referralId: string;
    mergedIntoReferralId: string;
    decidedAt: string;
}
export declare const ReferralMergedV1Contract: import("../../contract").IntegrationContract<ReferralMergedV1>;
