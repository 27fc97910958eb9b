import { IsInt, IsString, Matches, Min } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A risk alert stayed unacknowledged past the configured time and was escalated. */
export interface RiskAlertEscalatedV1 {
  alertId: string;
  episodeId: string;
  organisationId: string;
  raisedAt: string;
  /** The configured limit that was passed, in minutes. */
  acknowledgeWithinMinutes: number;
  escalatedAt: string;
}

export class RiskAlertEscalatedV1Payload implements RiskAlertEscalatedV1 {
  @IsString() @Matches(OPAQUE_ID) alertId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsInstant() raisedAt!: string;
  @IsInt() @Min(1) acknowledgeWithinMinutes!: number;
  @IsInstant() escalatedAt!: string;
}

export const RiskAlertEscalatedV1Contract = defineContract<RiskAlertEscalatedV1>({
  type: 'outcomes.risk-alert-escalated',
  version: 1,
  producer: 'outcomes',
  payload: RiskAlertEscalatedV1Payload,
  description: 'A risk alert was not acknowledged in time and was escalated.',
});
