import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { ConsultationOutcome } from './vocabulary';
import { CONSULTATION_OUTCOMES } from './vocabulary';

/** A specialist answered a consultation with a formulation, advice (both kept in the service) and a coded outcome. */
export interface ConsultationAnsweredV1 {
  consultationId: string;
  requestingOrganisationId: string;
  consultationServiceId: string;
  outcome: ConsultationOutcome;
  /** ISO 8601. */
  answeredAt: string;
}

export class ConsultationAnsweredV1Payload implements ConsultationAnsweredV1 {
  @IsString() @Matches(OPAQUE_ID) consultationId!: string;
  @IsString() @Matches(ODS_CODE) requestingOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) consultationServiceId!: string;
  @IsIn(CONSULTATION_OUTCOMES) outcome!: ConsultationOutcome;
  @IsInstant() answeredAt!: string;
}

export const ConsultationAnsweredV1Contract = defineContract<ConsultationAnsweredV1>({
  type: 'consultations.consultation-answered',
  version: 1,
  producer: 'consultations',
  payload: ConsultationAnsweredV1Payload,
  description: 'A consultation was answered with a coded outcome.',
});
