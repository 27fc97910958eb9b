/**
 * Measures a step change may rest on, with the total range of each (DOMAIN.md "Measures and outcome rules").
 * Only totals with a published range are here; anxiety-disorder-specific measures wait for their [check] values.
 */
export const MEASURE_RANGES = {
  /** Depression, 9 items 0–3. */
  'phq-9': { min: 0, max: 27 },
  /** Anxiety, 7 items 0–3. */
  'gad-7': { min: 0, max: 21 },
  /** Work and social adjustment, 5 items 0–8. */
  'wsas': { min: 0, max: 40 },
  /** Short Warwick-Edinburgh wellbeing, 7 items 1–5. */
  'swemwbs': { min: 7, max: 35 },
  /** Warwick-Edinburgh wellbeing, 14 items 1–5. */
  'wemwbs': { min: 14, max: 70 },
} as const satisfies Record<string, { min: number; max: number }>;
export type Measure = keyof typeof MEASURE_RANGES;

export function isMeasure(value: unknown): value is Measure {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MEASURE_RANGES, value);
}

/** A whole-number total inside the measure's range. */
export function isValidScore(measure: Measure, score: number): boolean {
  const { min, max } = MEASURE_RANGES[measure];
  return Number.isInteger(score) && score >= min && score <= max;
}
