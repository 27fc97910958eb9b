/** Nest token of the risk alert policy. */
export const RISK_ALERT_POLICY = 'OUTCOMES_RISK_ALERT_POLICY';

export interface RiskAlertPolicy {
  /** An alert still open this many minutes after it was raised is escalated (an event), never left to expire. */
  acknowledgeWithinMinutes: number;
  /** How often the scheduled check runs; 0 turns the timer off (tests call `runOnce` with their own clock). */
  checkEverySeconds: number;
}

export const DEFAULT_RISK_ALERT_POLICY: RiskAlertPolicy = { acknowledgeWithinMinutes: 60, checkEverySeconds: 60 };
