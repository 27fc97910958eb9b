import { IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** Triage returned a referral to its referrer with advice (the advice itself stays in the referrals service). */
export interface ReferralReturnedV1 {
  referralId: string;
  receivingOrganisationId: string;
  /** Null for a self-referral. */
  referrerOrganisationId: string | null;
  /** ISO 8601. */
  decidedAt: string;
}

export class ReferralReturnedV1Payload implements ReferralReturnedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(ODS_CODE)
  referrerOrganisationId!: string | null;

  @IsInstant()
  decidedAt!: string;
}

export const ReferralReturnedV1Contract = defineContract<ReferralReturnedV1>({
  type: 'referrals.referral-returned',
  version: 1,
  producer: 'referrals',
  payload: ReferralReturnedV1Payload,
  description: 'Triage returned a referral to its referrer with advice.',
});
