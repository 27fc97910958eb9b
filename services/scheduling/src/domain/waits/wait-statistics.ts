/** Summary statistics for waits in whole days. */

/** The usual median: the middle value, or the mean of the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Nearest-rank percentile: the smallest observed value with at least `p`% of values at or below it. Always an
 * observed wait (no interpolation), which is what a service reads as "9 in 10 people waited at most this long".
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`Percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}

/** Share of values at or below a limit, 0..1; null for no values. */
export function shareAtMost(values: readonly number[], limit: number): number | null {
  if (values.length === 0) return null;
  return values.filter((value) => value <= limit).length / values.length;
}
