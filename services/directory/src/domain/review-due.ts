/**
 * A listing "not reviewed for 12 months": its last review (ORUK `assured_date`, else the day it was listed) is more
 * than 12 calendar months before today. Twelve months is the review interval the issue asks for (social prescribing
 * directories commonly re-check listings yearly); a stale listing is flagged to its editors, never hidden: it may
 * still be right, and hiding it would take help away from people who need it.
 */
export const REVIEW_INTERVAL_MONTHS = 12;

/** The first day on which a listing last reviewed on `reviewedOn` (YYYY-MM-DD) is overdue. */
export function reviewDueOn(reviewedOn: string): string {
  const [year, month, day] = reviewedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + REVIEW_INTERVAL_MONTHS, 1));
  // 29 February + 12 months is 28 February (the last day of the month), not 1 March.
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** True when `today` (YYYY-MM-DD) is past the day the review fell due. */
export function isReviewOverdue(reviewedOn: string, today: string): boolean {
  return today > reviewDueOn(reviewedOn);
}

/**
 * The earliest review date that is still current on `today`: a listing last reviewed before it is overdue (the
 * inverse of `reviewDueOn`, so both agree on month ends such as 29 February).
 */
export function reviewedBefore(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  let candidate = new Date(Date.UTC(year, month - 1 - REVIEW_INTERVAL_MONTHS, day)).toISOString().slice(0, 10);
  for (;;) {
    const earlier = new Date(Date.parse(candidate) - 86_400_000).toISOString().slice(0, 10);
    if (reviewDueOn(earlier) < today) break;
    candidate = earlier;
  }
  while (reviewDueOn(candidate) < today) candidate = new Date(Date.parse(candidate) + 86_400_000).toISOString().slice(0, 10);
  return candidate;
}
