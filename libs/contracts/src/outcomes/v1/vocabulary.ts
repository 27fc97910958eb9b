/** Who filled a questionnaire in: the patient (in a session or by invitation link) or a clinician with them. */
export const COMPLETED_BY = ['patient', 'clinician'] as const;
export type CompletedBy = (typeof COMPLETED_BY)[number];

/** The kind of risk an answer signals (PHQ-9 item 9: thoughts that you would be better off dead or of hurting yourself). */
export const RISK_SIGNALS = ['thoughts-of-self-harm'] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

/**
 * How fast a risk alert needs a clinician: `urgent` when the answer says "more than half the days" or "nearly
 * every day", `high` for "several days". Both reach a clinician at once; the order only sorts the queue.
 */
export const RISK_ALERT_URGENCIES = ['urgent', 'high'] as const;
export type RiskAlertUrgency = (typeof RISK_ALERT_URGENCIES)[number];

/** What the acknowledging clinician did: a code, the free-text note stays in the outcomes service. */
export const RISK_ACTIONS = [
  'contacted-patient',
  'safety-plan-reviewed',
  'referred-to-crisis-team',
  'emergency-services-called',
  'discussed-with-supervisor',
  'no-further-action-needed',
] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];

/** Why an episode is not on track. */
export const NOT_ON_TRACK_REASONS = ['reliable-deterioration', 'no-reliable-improvement'] as const;
export type NotOnTrackReason = (typeof NOT_ON_TRACK_REASONS)[number];

/** A questionnaire code as the outcomes service spells it (`PHQ-9`, `GAD-7`, `IAPT-PHOBIA`). */
export const MEASURE_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
