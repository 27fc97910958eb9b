import { IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferralSource, ReferralUrgency } from './vocabulary';
import { REFERRAL_SOURCES, REFERRAL_URGENCIES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A referral reached a receiving organisation. Ids only: the patient is the event's `patientSubjectId`. */
export interface ReferralReceivedV1 {
  referralId: string;
  source: ReferralSource;
  urgency: ReferralUrgency;
  /** ODS code of the organisation the referral was sent to. */
  receivingOrganisationId: string;
  /** ODS code of the referring organisation; null for a self-referral. */
  referrerOrganisationId: string | null;
  /** ISO 8601. */
  receivedAt: string;
}

export class ReferralReceivedV1Payload implements ReferralReceivedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;

  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  // Present and null for a self-referral: the field is never omitted.
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(ODS_CODE)
  referrerOrganisationId!: string | null;

  @IsInstant()
  receivedAt!: string;
}

export const ReferralReceivedV1Contract = defineContract<ReferralReceivedV1>({
  type: 'referrals.referral-received',
  version: 1,
  producer: 'referrals',
  payload: ReferralReceivedV1Payload,
  description: 'A referral was received by an organisation and awaits triage.',
});
