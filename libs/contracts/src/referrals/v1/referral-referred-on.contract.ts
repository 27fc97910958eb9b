import { IsIn, IsISO8601, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferOnDestination } from './vocabulary';
import { ISO_INSTANT, ODS_CODE, OPAQUE_ID, REFER_ON_DESTINATIONS } from './vocabulary';

/** Triage passed a referral on to secondary care or the crisis team. */
export interface ReferralReferredOnV1 {
  referralId: string;
  destination: ReferOnDestination;
  destinationOrganisationId: string | null;
  /** ISO 8601. */
  decidedAt: string;
}

export class ReferralReferredOnV1Payload implements ReferralReferredOnV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(REFER_ON_DESTINATIONS)
  destination!: ReferOnDestination;

  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(ODS_CODE)
  destinationOrganisationId!: string | null;

  @IsISO8601(ISO_INSTANT)
  decidedAt!: string;
}

export const ReferralReferredOnV1Contract = defineContract<ReferralReferredOnV1>({
  type: 'referrals.referral-referred-on',
  version: 1,
  producer: 'referrals',
  payload: ReferralReferredOnV1Payload,
  description: 'Triage referred a referral on to secondary care or the crisis team.',
});
