import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { CareStep } from '../../referrals/v1/vocabulary';
import { CARE_STEPS } from '../../referrals/v1/vocabulary';

/**
 * An MDT case discussion's decision proposes a step change of an existing episode to the organisation providing it
 * (issue 16 item 6, as `consultations.step-change-proposed` does for a consultation): the referrals service records
 * the proposal for that organisation to decide, with the MDT case as its evidence; it is never applied by itself.
 */
export interface MdtStepChangeProposedV1 {
  proposalId: string;
  meetingId: string;
  caseId: string;
  hostOrganisationId: string;
  presentingOrganisationId: string;
  episodeId: string;
  providingOrganisationId: string;
  proposedStep: CareStep;
  /** ISO 8601. */
  proposedAt: string;
}

export class MdtStepChangeProposedV1Payload implements MdtStepChangeProposedV1 {
  @IsString() @Matches(OPAQUE_ID) proposalId!: string;
  @IsString() @Matches(OPAQUE_ID) meetingId!: string;
  @IsString() @Matches(OPAQUE_ID) caseId!: string;
  @IsString() @Matches(ODS_CODE) hostOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) presentingOrganisationId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) providingOrganisationId!: string;
  @IsIn(CARE_STEPS) proposedStep!: CareStep;
  @IsInstant() proposedAt!: string;
}

export const MdtStepChangeProposedV1Contract = defineContract<MdtStepChangeProposedV1>({
  type: 'consultations.mdt-step-change-proposed',
  version: 1,
  producer: 'consultations',
  payload: MdtStepChangeProposedV1Payload,
  description: "An MDT case discussion's decision proposes a step change of an existing episode to its providing organisation.",
});
