import type { ReferralWithdrawalReason } from './vocabulary';
/** A referral was withdrawn before care ended; consumers cancel what they hold for it. */
export interface ReferralWithdrawnV1 {
    referralId: string;
    reason: ReferralWithdrawalReason;
    /** ISO 8601. */
    withdrawnAt: string;
}
export declare class ReferralWithdrawnV1Payload implements ReferralWithdrawnV1 {
    referralId: string;
    reason: ReferralWithdrawalReason;
    withdrawnAt: string;
}
export declare const ReferralWithdrawnV1Contract: import("../../contract").IntegrationContract<ReferralWithdrawnV1>;
