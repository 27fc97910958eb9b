import { IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferOnDestination } from './vocabulary';
import { REFER_ON_DESTINATIONS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

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

  @IsInstant()
  decidedAt!: string;
}

export const ReferralReferredOnV1Contract = defineContract<ReferralReferredOnV1>({
  type: 'referrals.referral-referred-on',
  version: 1,
  producer: 'referrals',
  payload: ReferralReferredOnV1Payload,
  description: 'Triage referred a referral on to secondary care or the crisis team.',
});
