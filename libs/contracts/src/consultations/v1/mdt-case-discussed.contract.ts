import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { ConsultationOutcome } from './vocabulary';
import { CONSULTATION_OUTCOMES } from './vocabulary';

/**
 * An MDT case discussion about an identified person was recorded, whatever its decision (as
 * `consultations.consultation-answered` reports every answer): the referrals service keeps the case (a contact with the
 * person for the retention period, hazard H-RT2) and, when the decision is `direct-psychological-therapy` — the host
 * organisation's team takes the person on — records care accepted for their open care-seeking thread (issue 18,
 * hazard H-MF1). A decision to refer or change step is published besides, as `mdt-referral-requested` /
 * `mdt-step-change-proposed`. Ids, codes and a time only: the question and the discussion summary stay (sealed) in the
 * consultations service. The patient is the envelope's `patientSubjectId` (an anonymous case publishes nothing).
 */
export interface MdtCaseDiscussedV1 {
  meetingId: string;
  caseId: string;
  /** The organisation that ran the meeting (whose team decided). */
  hostOrganisationId: string;
  /** The organisation that presented the case. */
  presentingOrganisationId: string;
  decision: ConsultationOutcome;
  /** ISO 8601: when the discussion's decision was recorded. */
  discussedAt: string;
}

export class MdtCaseDiscussedV1Payload implements MdtCaseDiscussedV1 {
  @IsString() @Matches(OPAQUE_ID) meetingId!: string;
  @IsString() @Matches(OPAQUE_ID) caseId!: string;
  @IsString() @Matches(ODS_CODE) hostOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) presentingOrganisationId!: string;
  @IsIn(CONSULTATION_OUTCOMES) decision!: ConsultationOutcome;
  @IsInstant() discussedAt!: string;
}

export const MdtCaseDiscussedV1Contract = defineContract<MdtCaseDiscussedV1>({
  type: 'consultations.mdt-case-discussed',
  version: 1,
  producer: 'consultations',
  payload: MdtCaseDiscussedV1Payload,
  description: 'An MDT case discussion about an identified person was recorded: the meeting, case, organisations and coded decision.',
});
