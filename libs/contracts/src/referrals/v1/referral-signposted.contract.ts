import { IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** Triage pointed the person to another (community or voluntary-sector) service. */
export interface ReferralSignpostedV1 {
  referralId: string;
  receivingOrganisationId: string;
  /** The directory's service id; null while the service was named in free text (kept in the referrals service). */
  directoryServiceId: string | null;
  /** ISO 8601. */
  decidedAt: string;
}

export class ReferralSignpostedV1Payload implements ReferralSignpostedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(OPAQUE_ID)
  directoryServiceId!: string | null;

  @IsInstant()
  decidedAt!: string;
}

export const ReferralSignpostedV1Contract = defineContract<ReferralSignpostedV1>({
  type: 'referrals.referral-signposted',
  version: 1,
  producer: 'referrals',
  payload: ReferralSignpostedV1Payload,
  description: 'Triage signposted a referral to another service.',
});
