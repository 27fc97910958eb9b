import { addDays, type LocalDate } from './calendar/working-days';
import { suppressedCount, SUPPRESS_BELOW } from '@stepwell/contracts';

/**
 * Issue 16 item 8: per practice, the rate of referrals to secondary care before and after it began to use the
 * consultation service. The model is the Catterick pilot of a primary care mental health consultation service, which
 * reported a 27% fall in the practices' referrals to secondary mental health care; the figure here is a plain
 * before/after comparison of one practice's own counts, not a controlled or causal estimate (hazard H-CM1).
 *
 * Definition (every date a Europe/London calendar date, every window whole days):
 * - the practice's **start** is the day of its first consultation request to this consultation service (people with
 *   a national data opt-out left out, as in every consultations figure);
 * - the period is `[from, to]`, ending no later than yesterday (today is not over: a part day would read as a fall);
 * - the two windows have the **same length** L = the days from `from` to the start, or from the start to the end of
 *   the period, whichever is shorter: **before** = the L days up to the start, **after** = the start and the L - 1
 *   days that follow. A start before `from` gives no "before" inside the period, and L under
 *   `MIN_WINDOW_DAYS` too few days to compare: both are reported with a reason and no figures;
 * - each window's count is the referrals the practice made (its ODS code as the referral's referrer) that were
 *   received by an organisation registered as `secondary-care`, by the day received; the rate is per
 *   `RATE_PER_DAYS` days; the relative change is (after − before) / before of the rates (equal windows: of the counts).
 */
export const RATE_PER_DAYS = 30;
/** Fewer days than this on each side: no comparison (a month's chance variation would read as a change; H-CM2). */
export const MIN_WINDOW_DAYS = 30;

export type NoComparisonReason = 'first-request-before-period' | 'window-shorter-than-minimum';

export interface RateWindows {
  start: LocalDate;
  windowDays: number;
  /** Inclusive first and last days. */
  before: { from: LocalDate; to: LocalDate };
  after: { from: LocalDate; to: LocalDate };
}

const DAY_MS = 86_400_000;
const daysFrom = (a: LocalDate, b: LocalDate): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** The two windows for a practice whose first request was on `start`, or why there are none. */
export function referralRateWindows(input: { from: LocalDate; to: LocalDate; today: LocalDate; start: LocalDate }): RateWindows | { start: LocalDate; windowDays: number; reason: NoComparisonReason } {
  const { from, start } = input;
  if (start < from) return { start, windowDays: 0, reason: 'first-request-before-period' };
  // The first day after the period: the day after `to`, or today when `to` is today or later.
  const end = addDays(input.to, 1) < input.today ? addDays(input.to, 1) : input.today;
  const windowDays = Math.max(0, Math.min(daysFrom(from, start), daysFrom(start, end)));
  if (windowDays < MIN_WINDOW_DAYS) return { start, windowDays, reason: 'window-shorter-than-minimum' };
  return {
    start,
    windowDays,
    before: { from: addDays(start, -windowDays), to: addDays(start, -1) },
    after: { from: start, to: addDays(start, windowDays - 1) },
  };
}

export interface WindowFigures {
  /** Null for 1–4 (small-number suppression). */
  count: number | null;
  /** Per `RATE_PER_DAYS` days; null where the count is suppressed. */
  ratePer30Days: number | null;
}

/**
 * The figures of the two windows, suppressed as every consultations figure is (`small-numbers.ts` in `@stepwell/contracts`, H-CN5): a count
 * of 1–4 and the rate computed from it are null; the relative change needs both counts shown and a "before" of at
 * least `SUPPRESS_BELOW` (from a smaller base, or from zero, it is null: a percentage of 0 is undefined, and of 1–4
 * would reveal the count).
 */
export function referralRateFigures(windowDays: number, before: number, after: number): { before: WindowFigures; after: WindowFigures; relativeChange: number | null } {
  const figures = (count: number): WindowFigures => {
    const shown = suppressedCount(count);
    return { count: shown, ratePer30Days: shown === null ? null : Math.round((count / windowDays) * RATE_PER_DAYS * 100) / 100 };
  };
  const relativeChange = before >= SUPPRESS_BELOW && suppressedCount(after) !== null ? Math.round(((after - before) / before) * 1000) / 1000 : null;
  return { before: figures(before), after: figures(after), relativeChange };
}
