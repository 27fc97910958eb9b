/**
 * Why a care episode moves from one step or organisation to another. A code for counting and auditing, plus a
 * note in the command for the clinical story.
 */
export const STEP_CHANGE_REASONS = [
  /** Not improving at this step (scores not falling): step up. */
  'not-improving',
  /** Improved enough to need less care: step down. */
  'improved',
  /** Risk rose (for example self-harm thoughts on PHQ-9 item 9): step up or to crisis. */
  'risk-increased',
  /** Risk fell after crisis or secondary care: step down. */
  'risk-reduced',
  /** A specialist assessment or consultation advised another step. */
  'specialist-advice',
  /** The needs fit another pathway better (for example complex needs rather than high intensity). */
  'needs-better-met-elsewhere',
  /** The person asked for it. */
  'patient-preference',
  /** Care moves to another organisation at the same step (for example a transfer between services). */
  'transfer-of-care',
] as const;
export type StepChangeReason = (typeof STEP_CHANGE_REASONS)[number];

export function isStepChangeReason(value: unknown): value is StepChangeReason {
  return typeof value === 'string' && (STEP_CHANGE_REASONS as readonly string[]).includes(value);
}
