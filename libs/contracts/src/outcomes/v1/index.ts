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
export * from './measure-recorded.contract';
export * from './risk-alert-raised.contract';
export * from './risk-alert-acknowledged.contract';
export * from './risk-alert-escalated.contract';
export * from './outcome-flags-computed.contract';
export * from './episode-not-on-track.contract';
