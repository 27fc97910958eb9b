import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { CareStep, StepDirection } from './vocabulary';
import { CARE_STEPS, STEP_DIRECTIONS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A care episode moved up, down or across the steps, possibly to another organisation. */
export interface EpisodeStepChangedV1 {
  episodeId: string;
  fromStep: CareStep;
  toStep: CareStep;
  fromOrganisationId: string;
  toOrganisationId: string;
  direction: StepDirection;
  /** ISO 8601. */
  changedAt: string;
}

export class EpisodeStepChangedV1Payload implements EpisodeStepChangedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsIn(CARE_STEPS)
  fromStep!: CareStep;

  @IsIn(CARE_STEPS)
  toStep!: CareStep;

  @IsString()
  @Matches(ODS_CODE)
  fromOrganisationId!: string;

  @IsString()
  @Matches(ODS_CODE)
  toOrganisationId!: string;

  @IsIn(STEP_DIRECTIONS)
  direction!: StepDirection;

  @IsInstant()
  changedAt!: string;
}

export const EpisodeStepChangedV1Contract = defineContract<EpisodeStepChangedV1>({
  type: 'referrals.episode-step-changed',
  version: 1,
  producer: 'referrals',
  payload: EpisodeStepChangedV1Payload,
  description: 'A care episode changed step (up, down or across), possibly to another organisation.',
});
