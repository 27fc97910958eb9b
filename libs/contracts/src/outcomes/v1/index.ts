export {
  COMPLETED_BY,
  NOT_ON_TRACK_REASONS,
  RISK_ACTIONS,
  RISK_ALERT_URGENCIES,
  RISK_SIGNALS,
  type CompletedBy,
  type NotOnTrackReason,
  type RiskAction,
  type RiskAlertUrgency,
  type RiskSignal,
} from './vocabulary';
export {
  type MeasureRecordedV1,
  MeasureRecordedV1Contract,
  MeasureRecordedV1Payload,
} from './measure-recorded.contract';
export {
  type RiskAlertRaisedV1,
  RiskAlertRaisedV1Contract,
  RiskAlertRaisedV1Payload,
} from './risk-alert-raised.contract';
export {
  type RiskAlertAcknowledgedV1,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertAcknowledgedV1Payload,
} from './risk-alert-acknowledged.contract';
export {
  type RiskAlertEscalatedV1,
  RiskAlertEscalatedV1Contract,
  RiskAlertEscalatedV1Payload,
} from './risk-alert-escalated.contract';
export {
  type OutcomeFlagsComputedV1,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV1Payload,
} from './outcome-flags-computed.contract';
export {
  type EpisodeNotOnTrackV1,
  EpisodeNotOnTrackV1Contract,
  EpisodeNotOnTrackV1Payload,
} from './episode-not-on-track.contract';
