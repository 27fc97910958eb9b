import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findQuestionnaire, type ResponseRecorded, type RiskAlertRaised } from '../domain';

export class SeverityBandView {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
}

export class NamedClinicianView {
  @ApiProperty({ description: 'Scheduling clinician id or user id of the clinician the alert names' }) id!: string;
  @ApiProperty({ enum: ['care-coordinator', 'appointment', 'latest-appointment', 'recorded-by'] }) source!: string;
}

export class ConvertedScoreView {
  @ApiProperty({ enum: ['metric'] }) label!: 'metric';
  @ApiProperty({ example: 19.25 }) value!: number;
}

export class RiskAlertRefView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['urgent', 'high'] }) urgency!: string;
  @ApiProperty({ description: "The providing organisation: the alert is in its duty queue" }) organisationId!: string;
  @ApiProperty({ type: NamedClinicianView, nullable: true, description: 'The named clinician it is addressed to; null: the duty queue alone' })
  namedClinician!: NamedClinicianView | null;
}

/** A recorded response with its scores. Clinical detail: never shown to the voluntary sector. */
export class ResponseView {
  @ApiProperty() id!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty() episodeId!: string;
  @ApiPropertyOptional({ nullable: true }) appointmentId!: string | null;
  @ApiProperty() questionnaireCode!: string;
  @ApiProperty() questionnaireVersion!: string;
  @ApiProperty({ enum: ['patient', 'clinician'] }) completedBy!: string;
  @ApiProperty({ nullable: true, description: 'Raw total; null for a measure reported item by item (ONS4)' }) total!: number | null;
  @ApiPropertyOptional({ type: ConvertedScoreView, nullable: true, description: 'The published conversion of the raw total, labelled (SWEMWBS v2: metric)' })
  convertedScore!: ConvertedScoreView | null;
  @ApiProperty({ type: [String], description: 'Items answered "does not apply" (WSAS item 1 "not working"), left out of the total' })
  notApplicableItems!: string[];
  @ApiProperty({ type: SeverityBandView, nullable: true }) severityBand!: SeverityBandView | null;
  @ApiProperty({ nullable: true, description: 'Null where the measure has no caseness cut-off, or the response is incomplete' }) atCaseness!: boolean | null;
  @ApiProperty({ description: 'False: items were left unanswered; kept unscored (total, band, caseness null), its risk answers acted on' })
  complete!: boolean;
  @ApiProperty({ type: [String], description: 'The items left unanswered' }) missingItems!: string[];
  @ApiProperty({ type: RiskAlertRefView, nullable: true }) riskAlert!: RiskAlertRefView | null;
  @ApiProperty({ description: 'When it was keyed in' }) recordedAt!: string;
  @ApiProperty({ description: 'When the measure was completed: first and last are judged by this' }) completedAt!: string;
  @ApiProperty({ description: 'Entered after the episode was discharged, for a contact on or before the discharge date' })
  lateEntryAfterDischarge!: boolean;
}

export function toResponseView(recorded: ResponseRecorded['data'], alert: RiskAlertRaised['data'] | null): ResponseView {
  const definition = findQuestionnaire(recorded.questionnaireCode, recorded.questionnaireVersion);
  const band = definition.severityBands.find((candidate) => candidate.code === recorded.severityBand) ?? null;
  return {
    id: recorded.responseId,
    patientSubjectId: recorded.patientSubjectId,
    episodeId: recorded.episodeId,
    appointmentId: recorded.appointmentId,
    questionnaireCode: recorded.questionnaireCode,
    questionnaireVersion: recorded.questionnaireVersion,
    completedBy: recorded.completedBy,
    total: recorded.total,
    convertedScore: recorded.convertedScore ?? null,
    notApplicableItems: [...(recorded.notApplicableItems ?? [])],
    severityBand: band ? { code: band.code, label: band.label } : null,
    atCaseness: recorded.atCaseness,
    complete: recorded.complete ?? true,
    missingItems: [...(recorded.missingLinkIds ?? [])],
    riskAlert: alert
      ? { id: alert.alertId, urgency: alert.urgency, organisationId: alert.organisationId, namedClinician: alert.namedClinician ?? null }
      : null,
    recordedAt: recorded.recordedAt,
    completedAt: recorded.completedAt ?? recorded.recordedAt,
    lateEntryAfterDischarge: recorded.lateEntryAfterDischarge !== undefined,
  };
}
