import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findQuestionnaire, type ResponseRecorded, type RiskAlertRaised } from '../domain';

export class SeverityBandView {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
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
  @ApiProperty({ nullable: true, description: 'Null for a measure reported item by item (ONS4)' }) total!: number | null;
  @ApiProperty({ type: SeverityBandView, nullable: true }) severityBand!: SeverityBandView | null;
  @ApiProperty({ nullable: true, description: 'Null where the measure has no caseness cut-off' }) atCaseness!: boolean | null;
  @ApiProperty({ type: RiskAlertRefView, nullable: true }) riskAlert!: RiskAlertRefView | null;
  @ApiProperty() recordedAt!: string;
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
    severityBand: band ? { code: band.code, label: band.label } : null,
    atCaseness: recorded.atCaseness,
    riskAlert: alert ? { id: alert.alertId, urgency: alert.urgency, organisationId: alert.organisationId } : null,
    recordedAt: recorded.recordedAt,
  };
}
