import type { DeclineReason } from './vocabulary';
/** Triage declined a referral, for a coded reason (the explanatory text stays in the referrals service). */
export interface ReferralDeclinedV1 {
    referralId: string;
    reason: DeclineReason;
    /** ISO 8601. */
    decidedAt: string;
}
export declare class ReferralDeclinedV1Payload implements ReferralDeclinedV1 {
    referralId: string;
    reason: DeclineReason;
    decidedAt: string;
}
export declare const ReferralDeclinedV1Contract: import("../../contract").IntegrationContract<ReferralDeclinedV1>;
