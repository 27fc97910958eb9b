/**
 * Small-number suppression for aggregate figures a provider or a commissioner reads — consultations' metrics (issue 16
 * item 8) and scheduling's waits (`GET /metrics/waits`, hazard H-RV2): a count from 1 to 4 could identify a person in
 * a practice's or a service's figures, so it is shown as null, and so is every figure computed from fewer than 5
 * people or events (median, 90th percentile, shares, mean rating). Zero is not disclosive and is shown. The threshold
 * follows the NHS England Talking Therapies statistics' practice of suppressing counts under 5; it is a local choice
 * to be confirmed by the information governance lead (hazard H-CN5).
 */
export const SUPPRESS_BELOW = 5;

export const suppressedCount = (count: number): number | null => (count > 0 && count < SUPPRESS_BELOW ? null : count);

/** A figure computed from `base` consultations: null when the base is under the threshold. */
export const suppressedFigure = (base: number, value: number | null): number | null => (base < SUPPRESS_BELOW || value === null ? null : value);
