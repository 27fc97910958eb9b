import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { RiskAction } from './vocabulary';
import { RISK_ACTIONS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A clinician acknowledged a risk alert and recorded the action taken (a code; notes stay in the service). */
export interface RiskAlertAcknowledgedV1 {
  alertId: string;
  episodeId: string;
  organisationId: string;
  actionTaken: RiskAction;
  acknowledgedAt: string;
}

export class RiskAlertAcknowledgedV1Payload implements RiskAlertAcknowledgedV1 {
  @IsString() @Matches(OPAQUE_ID) alertId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsIn(RISK_ACTIONS) actionTaken!: RiskAction;
  @IsInstant() acknowledgedAt!: string;
}

export const RiskAlertAcknowledgedV1Contract = defineContract<RiskAlertAcknowledgedV1>({
  type: 'outcomes.risk-alert-acknowledged',
  version: 1,
  producer: 'outcomes',
  payload: RiskAlertAcknowledgedV1Payload,
  description: 'A clinician acknowledged a risk alert with the action taken.',
});
