import { testNow } from '@stepwell/testing';
import { addDays, londonDateOf } from './calendar/working-days';
import { MIN_WINDOW_DAYS, referralRateFigures, referralRateWindows } from './secondary-care-referral-rate';

describe('the secondary care referral rate before and after a practice’s first consultation request', () => {
  const today = londonDateOf(testNow());

  it('makes two windows of the same length, bounded by the shorter side of the period', () => {
    const from = addDays(today, -200);
    const start = addDays(today, -120);
    // 80 days from `from` to the start, 120 from the start to today (the period runs past today): 80 each side.
    expect(referralRateWindows({ from, to: addDays(today, 10), today, start })).toEqual({
      start,
      windowDays: 80,
      before: { from, to: addDays(start, -1) },
      after: { from: start, to: addDays(start, 79) },
    });
  });

  it('ends the period at `to` when it is over, and never counts today (a part day)', () => {
    const start = addDays(today, -100);
    const to = addDays(today, -61);
    // 40 days from the start to `to` inclusive.
    expect(referralRateWindows({ from: addDays(today, -300), to, today, start })).toMatchObject({ windowDays: 40, after: { from: start, to } });
    // A period to today: the after window ends yesterday.
    expect(referralRateWindows({ from: addDays(today, -300), to: today, today, start })).toMatchObject({ windowDays: 100, after: { to: addDays(today, -1) } });
  });

  it('gives no comparison for a practice that began before the period, or with fewer days than the minimum on a side', () => {
    expect(referralRateWindows({ from: addDays(today, -100), to: today, today, start: addDays(today, -101) })).toEqual({ start: addDays(today, -101), windowDays: 0, reason: 'first-request-before-period' });
    expect(referralRateWindows({ from: addDays(today, -100), to: today, today, start: addDays(today, -(MIN_WINDOW_DAYS - 1)) })).toMatchObject({ windowDays: MIN_WINDOW_DAYS - 1, reason: 'window-shorter-than-minimum' });
    expect(referralRateWindows({ from: addDays(today, -100), to: today, today, start: addDays(today, -MIN_WINDOW_DAYS) })).toMatchObject({ windowDays: MIN_WINDOW_DAYS });
  });

  it('reports counts, rates per 30 days and the relative change, suppressing 1–4 and every figure from them', () => {
    expect(referralRateFigures(60, 20, 14)).toEqual({ before: { count: 20, ratePer30Days: 10 }, after: { count: 14, ratePer30Days: 7 }, relativeChange: -0.3 });
    expect(referralRateFigures(60, 20, 0)).toEqual({ before: { count: 20, ratePer30Days: 10 }, after: { count: 0, ratePer30Days: 0 }, relativeChange: -1 });
    expect(referralRateFigures(60, 20, 3)).toEqual({ before: { count: 20, ratePer30Days: 10 }, after: { count: null, ratePer30Days: null }, relativeChange: null });
    expect(referralRateFigures(60, 4, 9)).toEqual({ before: { count: null, ratePer30Days: null }, after: { count: 9, ratePer30Days: 4.5 }, relativeChange: null });
    // From none before there is no percentage.
    expect(referralRateFigures(60, 0, 7).relativeChange).toBeNull();
  });
});
