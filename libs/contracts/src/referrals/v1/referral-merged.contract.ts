import { IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** Triage folded a referral into another open referral of the same patient. */
export interface ReferralMergedV1 {
  referralId: string;
  mergedIntoReferralId: string;
  /** ISO 8601. */
  decidedAt: string;
}

export class ReferralMergedV1Payload implements ReferralMergedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsString()
  @Matches(OPAQUE_ID)
  mergedIntoReferralId!: string;

  @IsInstant()
  decidedAt!: string;
}

export const ReferralMergedV1Contract = defineContract<ReferralMergedV1>({
  type: 'referrals.referral-merged',
  version: 1,
  producer: 'referrals',
  payload: ReferralMergedV1Payload,
  description: 'Triage merged a referral into an existing referral for the same patient.',
});
