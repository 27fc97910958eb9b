import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { DeclineReason } from './vocabulary';
import { DECLINE_REASONS } from './vocabulary';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** Triage declined a referral, for a coded reason (the explanatory text stays in the referrals service). */
export interface ReferralDeclinedV1 {
  referralId: string;
  reason: DeclineReason;
  /** ISO 8601. */
  decidedAt: string;
}

export class ReferralDeclinedV1Payload implements ReferralDeclinedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;

  @IsInstant()
  decidedAt!: string;
}

export const ReferralDeclinedV1Contract = defineContract<ReferralDeclinedV1>({
  type: 'referrals.referral-declined',
  version: 1,
  producer: 'referrals',
  payload: ReferralDeclinedV1Payload,
  description: 'Triage declined a referral.',
});
