import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { CareStep, ReferralUrgency } from './vocabulary';
import { CARE_STEPS, REFERRAL_URGENCIES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** Triage accepted a referral to a step at a providing organisation; a care episode was opened for it. */
export interface ReferralAcceptedV1 {
  referralId: string;
  episodeId: string;
  step: CareStep;
  providingOrganisationId: string;
  receivingOrganisationId: string;
  urgency: ReferralUrgency;
  /** ISO 8601: when the referral was received (the start of the waiting clock). */
  referredAt: string;
  /** ISO 8601. */
  acceptedAt: string;
}

export class ReferralAcceptedV1Payload implements ReferralAcceptedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsIn(CARE_STEPS)
  step!: CareStep;

  @IsString()
  @Matches(ODS_CODE)
  providingOrganisationId!: string;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @IsInstant()
  referredAt!: string;

  @IsInstant()
  acceptedAt!: string;
}

export const ReferralAcceptedV1Contract = defineContract<ReferralAcceptedV1>({
  type: 'referrals.referral-accepted',
  version: 1,
  producer: 'referrals',
  payload: ReferralAcceptedV1Payload,
  description: 'Triage accepted a referral to a step at a providing organisation.',
});
