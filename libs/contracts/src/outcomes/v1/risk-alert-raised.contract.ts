import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { RiskAlertUrgency, RiskSignal } from './vocabulary';
import { RISK_ALERT_URGENCIES, RISK_SIGNALS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** An answer signalled risk: the organisation providing the person's current step must act at once. */
export interface RiskAlertRaisedV1 {
  alertId: string;
  responseId: string;
  episodeId: string;
  /** ODS code of the organisation the alert is for (the current step's provider). */
  organisationId: string;
  signal: RiskSignal;
  urgency: RiskAlertUrgency;
  raisedAt: string;
}

export class RiskAlertRaisedV1Payload implements RiskAlertRaisedV1 {
  @IsString() @Matches(OPAQUE_ID) alertId!: string;
  @IsString() @Matches(OPAQUE_ID) responseId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsIn(RISK_SIGNALS) signal!: RiskSignal;
  @IsIn(RISK_ALERT_URGENCIES) urgency!: RiskAlertUrgency;
  @IsInstant() raisedAt!: string;
}

export const RiskAlertRaisedV1Contract = defineContract<RiskAlertRaisedV1>({
  type: 'outcomes.risk-alert-raised',
  version: 1,
  producer: 'outcomes',
  payload: RiskAlertRaisedV1Payload,
  description: 'A questionnaire answer raised a risk alert for the organisation providing the current step.',
});
