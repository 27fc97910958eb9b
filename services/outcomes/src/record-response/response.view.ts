import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findQuestionnaire, type ResponseRecorded, type RiskAlertRaised } from '../domain';

export class SeverityBandView {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
}

export class ConvertedScoreView {
  @ApiProperty({ enum: ['metric'] }) label!: 'metric';
  @ApiProperty({ example: 19.25 }) value!: number;
}

export class RiskAlertRefView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['urgent', 'high'] }) urgency!: string;
  @ApiProperty() organisationId!: string;
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
  @ApiProperty({ nullable: true, description: 'Null where the measure has no caseness cut-off' }) atCaseness!: boolean | null;
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
    riskAlert: alert ? { id: alert.alertId, urgency: alert.urgency, organisationId: alert.organisationId } : null,
    recordedAt: recorded.recordedAt,
    completedAt: recorded.completedAt ?? recorded.recordedAt,
    lateEntryAfterDischarge: recorded.lateEntryAfterDischarge !== undefined,
  };
}
