import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferralWithdrawalReason } from './vocabulary';
import { REFERRAL_WITHDRAWAL_REASONS } from './vocabulary';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** A referral was withdrawn before care ended; consumers cancel what they hold for it. */
export interface ReferralWithdrawnV1 {
  referralId: string;
  reason: ReferralWithdrawalReason;
  /** ISO 8601. */
  withdrawnAt: string;
}

export class ReferralWithdrawnV1Payload implements ReferralWithdrawnV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(REFERRAL_WITHDRAWAL_REASONS)
  reason!: ReferralWithdrawalReason;

  @IsInstant()
  withdrawnAt!: string;
}

export const ReferralWithdrawnV1Contract = defineContract<ReferralWithdrawnV1>({
  type: 'referrals.referral-withdrawn',
  version: 1,
  producer: 'referrals',
  payload: ReferralWithdrawnV1Payload,
  description: 'A referral was withdrawn by the patient, the referrer or the service.',
});
