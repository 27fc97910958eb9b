import { nationalWaitingShares, SUPPRESS_BELOW } from '@stepwell/contracts';
import { publishedNationalShares, publishedWaitsWindow, waitsBetween, type ReferralJourney } from './hidden-waits';

/** `n` people, each referred `referredDaysBefore` days before a first treatment at `to - 1 day`; no dates are fixed. */
function journeys(n: number, waitDays: (i: number) => number, end: number): ReferralJourney[] {
  const day = 86_400_000;
  return Array.from({ length: n }, (_, i) => ({
    referralId: `r${i}`,
    referredAt: new Date(end - day - waitDays(i) * day).toISOString(),
    attended: [{ startsAt: new Date(end - day).toISOString(), purpose: 'treatment' as const }],
  }));
}

describe('small-number suppression of the waits', () => {
  // Any instant will do (the rule is about counts); a past one, so it never ages into the future.
  const end = Date.parse('2024-03-01T12:00:00.000Z');
  const to = new Date(end).toISOString();
  const from = new Date(end - 90 * 86_400_000).toISOString();

  it('hides a count of 1–4 waits and the median, 90th percentile and shares computed from it', () => {
    const shown = publishedWaitsWindow(waitsBetween(journeys(SUPPRESS_BELOW - 1, () => 10, end), from, to));
    expect(shown.referralToFirstAppointment).toEqual({ count: null, medianDays: null, p90Days: null });
    expect(shown.referralToFirstTreatment).toEqual({ count: null, medianDays: null, p90Days: null, shareOfStartsWithin6Weeks: null, shareOfStartsWithin18Weeks: null });
  });

  it('shows zero, and 5 or more waits with their figures', () => {
    expect(publishedWaitsWindow(waitsBetween([], from, to)).referralToFirstAppointment).toEqual({ count: 0, medianDays: null, p90Days: null });
    const shown = publishedWaitsWindow(waitsBetween(journeys(SUPPRESS_BELOW, () => 10, end), from, to));
    expect(shown.referralToFirstTreatment).toEqual({ count: 5, medianDays: 10, p90Days: 10, shareOfStartsWithin6Weeks: 1, shareOfStartsWithin18Weeks: 1 });
  });

  it('hides a share whose people, or the rest, number 1–4, even from a large base ("5 of 6 began within 6 weeks")', () => {
    const oneOfSix = publishedWaitsWindow(waitsBetween(journeys(6, (i) => (i === 0 ? 50 : 10), end), from, to));
    expect(oneOfSix.referralToFirstTreatment).toMatchObject({ count: 6, shareOfStartsWithin6Weeks: null, shareOfStartsWithin18Weeks: 1 });
    const fiveOfTen = publishedWaitsWindow(waitsBetween(journeys(10, (i) => (i < 5 ? 50 : 10), end), from, to));
    expect(fiveOfTen.referralToFirstTreatment).toMatchObject({ count: 10, shareOfStartsWithin6Weeks: 0.5, shareOfStartsWithin18Weeks: 1 });
  });

  it('applies the same rule to the national KPI: finished courses 1–4 and their shares are null, zero is shown', () => {
    const course = (waitDays: number) => ({
      referralReceivedAt: new Date(end - (waitDays + 2) * 86_400_000).toISOString(),
      attendedTreatmentsAt: [new Date(end - 2 * 86_400_000).toISOString(), new Date(end - 86_400_000).toISOString()],
      endedAt: new Date(end - 3_600_000).toISOString(),
    });
    expect(publishedNationalShares(nationalWaitingShares([course(10), course(60)], from, to))).toMatchObject({ finishedCourses: null, shareWithin6Weeks: null, shareWithin18Weeks: null });
    expect(publishedNationalShares(nationalWaitingShares([], from, to))).toMatchObject({ finishedCourses: 0, shareWithin6Weeks: null });
    const many = [10, 10, 10, 10, 10, 60, 60, 60, 60, 60].map(course);
    expect(publishedNationalShares(nationalWaitingShares(many, from, to))).toMatchObject({ finishedCourses: 10, shareWithin6Weeks: 0.5, shareWithin18Weeks: 1 });
  });
});
