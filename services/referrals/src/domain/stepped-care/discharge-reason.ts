/**
 * Why a care episode ends. Every discharge sends an outcome letter to the registered GP, including a death: the
 * practice must know.
 */
export const DISCHARGE_REASONS = [
  /** The planned course of treatment is over. */
  'completed',
  /** The person chose to stop treatment. */
  'declined-further-treatment',
  /** The person moved out of the area the service covers. */
  'moved-away',
  /**
   * Care passes to secondary care for good. (A time-limited step to secondary care or crisis that may come back is a
   * step change, not a discharge.)
   */
  'stepped-to-secondary-care',
  /**
   * The person stopped engaging and follow-up did not reach them. A missed appointment alone is a reason to
   * re-engage, never to discharge, so this reason requires recorded follow-up attempts.
   */
  'disengaged-after-follow-up',
  /** The person died. */
  'died',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export function isDischargeReason(value: unknown): value is DischargeReason {
  return typeof value === 'string' && (DISCHARGE_REASONS as readonly string[]).includes(value);
}
