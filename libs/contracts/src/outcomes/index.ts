import type { IntegrationContract } from '../contract';
import {
  EpisodeNotOnTrackV1Contract,
  MeasureRecordedV1Contract,
  OutcomeFlagsComputedV1Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  RiskAlertRaisedV1Contract,
} from './v1';

export {
  COMPLETED_BY,
  type CompletedBy,
  type EpisodeNotOnTrackV1,
  EpisodeNotOnTrackV1Contract,
  EpisodeNotOnTrackV1Payload,
  type MeasureRecordedV1,
  MeasureRecordedV1Contract,
  MeasureRecordedV1Payload,
  NOT_ON_TRACK_REASONS,
  type NotOnTrackReason,
  type OutcomeFlagsComputedV1,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV1Payload,
  RISK_ACTIONS,
  RISK_ALERT_URGENCIES,
  RISK_SIGNALS,
  type RiskAction,
  type RiskAlertAcknowledgedV1,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertAcknowledgedV1Payload,
  type RiskAlertEscalatedV1,
  RiskAlertEscalatedV1Contract,
  RiskAlertEscalatedV1Payload,
  type RiskAlertRaisedV1,
  RiskAlertRaisedV1Contract,
  RiskAlertRaisedV1Payload,
  type RiskAlertUrgency,
  type RiskSignal,
} from './v1';

/** Every contract the outcomes service publishes, all versions. */
export const outcomesContracts: readonly IntegrationContract[] = [
  MeasureRecordedV1Contract,
  RiskAlertRaisedV1Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  OutcomeFlagsComputedV1Contract,
  EpisodeNotOnTrackV1Contract,
];
