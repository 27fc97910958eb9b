import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { CareStep } from '../../referrals/v1/vocabulary';
import { CARE_STEPS } from '../../referrals/v1/vocabulary';

/**
 * A consultation's outcome proposes a step change of an existing episode to the organisation providing it; the
 * referrals service records the proposal for that organisation to decide (it is never applied by itself).
 */
export interface ConsultationStepChangeProposedV1 {
  proposalId: string;
  consultationId: string;
  episodeId: string;
  providingOrganisationId: string;
  proposedStep: CareStep;
  /** ISO 8601. */
  proposedAt: string;
}

export class ConsultationStepChangeProposedV1Payload implements ConsultationStepChangeProposedV1 {
  @IsString() @Matches(OPAQUE_ID) proposalId!: string;
  @IsString() @Matches(OPAQUE_ID) consultationId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) providingOrganisationId!: string;
  @IsIn(CARE_STEPS) proposedStep!: CareStep;
  @IsInstant() proposedAt!: string;
}

export const ConsultationStepChangeProposedV1Contract = defineContract<ConsultationStepChangeProposedV1>({
  type: 'consultations.step-change-proposed',
  version: 1,
  producer: 'consultations',
  payload: ConsultationStepChangeProposedV1Payload,
  description: "A consultation's outcome proposes a step change of an existing episode to its providing organisation.",
});
