import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A risk alert as a clinician's queue shows it. The answer itself stays with the response. */
export class RiskAlertView {
  @ApiProperty() id!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty() episodeId!: string;
  @ApiProperty() responseId!: string;
  @ApiProperty({ description: "ODS code of the organisation the alert is addressed to: it is in that organisation's duty queue" })
  organisationId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The named clinician it is addressed to (id and how they were found); null: the duty queue alone' })
  namedClinician!: { id: string; source: string } | null;
  @ApiProperty({ enum: ['thoughts-of-self-harm'] }) signal!: string;
  @ApiProperty({ enum: ['urgent', 'high'] }) urgency!: string;
  @ApiProperty({ enum: ['open', 'acknowledged'] }) status!: string;
  @ApiProperty() raisedAt!: string;
  @ApiPropertyOptional({ nullable: true }) escalatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['duty-clinician'], description: 'Once escalated: the role it went to; the clinical lead sees it too' })
  escalatedTo!: string | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) actionTaken!: string | null;
}

export function riskAlertViewFromRow(row: Record<string, unknown>): RiskAlertView {
  const iso = (value: unknown): string | null => (value ? (value as Date).toISOString() : null);
  return {
    id: row['alert_id'] as string,
    patientSubjectId: row['patient_subject_id'] as string,
    episodeId: row['episode_id'] as string,
    responseId: row['response_id'] as string,
    organisationId: row['organisation_id'] as string,
    namedClinician: row['named_clinician_id']
      ? { id: row['named_clinician_id'] as string, source: row['named_clinician_source'] as string }
      : null,
    signal: row['signal'] as string,
    urgency: row['urgency'] as string,
    status: row['status'] as string,
    raisedAt: (row['raised_at'] as Date).toISOString(),
    escalatedAt: iso(row['escalated_at']),
    escalatedTo: (row['escalated_to'] as string | null) ?? null,
    acknowledgedAt: iso(row['acknowledged_at']),
    actionTaken: (row['action_taken'] as string | null) ?? null,
  };
}
