import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { CareStep, ReferralUrgency } from './vocabulary';
import { CARE_STEPS, REFERRAL_URGENCIES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A care episode was opened at a step and providing organisation (following an accepted referral). */
export interface EpisodeOpenedV1 {
  episodeId: string;
  referralId: string;
  step: CareStep;
  providingOrganisationId: string;
  urgency: ReferralUrgency;
  /** ISO 8601: when the referral was received (the start of the waiting clock). */
  referredAt: string;
  /** ISO 8601. */
  openedAt: string;
}

export class EpisodeOpenedV1Payload implements EpisodeOpenedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(CARE_STEPS)
  step!: CareStep;

  @IsString()
  @Matches(ODS_CODE)
  providingOrganisationId!: string;

  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @IsInstant()
  referredAt!: string;

  @IsInstant()
  openedAt!: string;
}

export const EpisodeOpenedV1Contract = defineContract<EpisodeOpenedV1>({
  type: 'referrals.episode-opened',
  version: 1,
  producer: 'referrals',
  payload: EpisodeOpenedV1Payload,
  description: 'A care episode was opened at a step and a providing organisation.',
});
