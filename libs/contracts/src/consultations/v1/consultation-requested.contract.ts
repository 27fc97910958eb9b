import { IsBoolean, IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { ConsultationUrgency } from './vocabulary';
import { CONSULTATION_URGENCIES } from './vocabulary';

/**
 * A primary care clinician asked a consultation service to think a case through with them. When the case is
 * about an identified patient the envelope's `patientSubjectId` names them and the consultation service gains a
 * *consulting* care relationship scoped to what the request shared; an anonymous case carries no subject id.
 */
export interface ConsultationRequestedV1 {
  consultationId: string;
  requestingOrganisationId: string;
  consultationServiceId: string;
  urgency: ConsultationUrgency;
  /** False for an anonymous case (then the envelope's patientSubjectId is null). */
  patientIdentified: boolean;
  /** ISO 8601. */
  requestedAt: string;
}

export class ConsultationRequestedV1Payload implements ConsultationRequestedV1 {
  @IsString() @Matches(OPAQUE_ID) consultationId!: string;
  @IsString() @Matches(ODS_CODE) requestingOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) consultationServiceId!: string;
  @IsIn(CONSULTATION_URGENCIES) urgency!: ConsultationUrgency;
  @IsBoolean() patientIdentified!: boolean;
  @IsInstant() requestedAt!: string;
}

export const ConsultationRequestedV1Contract = defineContract<ConsultationRequestedV1>({
  type: 'consultations.consultation-requested',
  version: 1,
  producer: 'consultations',
  payload: ConsultationRequestedV1Payload,
  description: 'A clinician asked a consultation service for advice about a patient or an anonymous case.',
});
