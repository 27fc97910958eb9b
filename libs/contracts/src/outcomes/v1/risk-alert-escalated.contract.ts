import { IsInt, IsISO8601, IsString, Matches, Min } from 'class-validator';
import { defineContract } from '../../contract';
import { ISO_INSTANT, ODS_CODE, OPAQUE_ID } from './vocabulary';

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
  @IsISO8601(ISO_INSTANT) raisedAt!: string;
  @IsInt() @Min(1) acknowledgeWithinMinutes!: number;
  @IsISO8601(ISO_INSTANT) escalatedAt!: string;
}

export const RiskAlertEscalatedV1Contract = defineContract<RiskAlertEscalatedV1>({
  type: 'outcomes.risk-alert-escalated',
  version: 1,
  producer: 'outcomes',
  payload: RiskAlertEscalatedV1Payload,
  description: 'A risk alert was not acknowledged in time and was escalated.',
});
