import { hiddenWaits, waitsBetween, type ReferralJourney } from './hidden-waits';

const asOf = '2026-11-21T00:00:00.000Z';
const day = (iso: string) => `${iso}T10:00:00.000Z`;

describe('hidden waits', () => {
  it('measures referral to first appointment, to first treatment, and first to second treatment in local days', () => {
    const journeys: ReferralJourney[] = [
      {
        referralId: 'r1',
        referredAt: day('2026-09-01'),
        attended: [
          { startsAt: day('2026-11-10'), purpose: 'treatment' },
          { startsAt: day('2026-09-15'), purpose: 'assessment' },
          { startsAt: day('2026-10-13'), purpose: 'assessment-and-treatment' },
        ],
      },
    ];
    const window = waitsBetween(journeys, '2026-09-01T00:00:00.000Z', asOf);
    expect(window.referralToFirstAppointment).toEqual({ count: 1, medianDays: 14, p90Days: 14 });
    expect(window.referralToFirstTreatment).toEqual({ count: 1, medianDays: 42, p90Days: 42, shareOfStartsWithin6Weeks: 1, shareOfStartsWithin18Weeks: 1 });
    expect(window.firstToSecondTreatment).toEqual({ count: 1, medianDays: 28, p90Days: 28, shareOver90Days: 0 });
  });

  it('counts a wait in the window where the appointment that ended it falls, over 28 and 90 days', () => {
    const journeys: ReferralJourney[] = [
      // First treatment 10 days ago: in both windows.
      { referralId: 'recent', referredAt: day('2026-10-01'), attended: [{ startsAt: day('2026-11-11'), purpose: 'treatment' }] },
      // First treatment 60 days ago: only in the 90-day window.
      { referralId: 'older', referredAt: day('2026-06-01'), attended: [{ startsAt: day('2026-09-22'), purpose: 'treatment' }] },
      // First treatment 120 days ago: in neither.
      { referralId: 'oldest', referredAt: day('2026-06-01'), attended: [{ startsAt: day('2026-07-24'), purpose: 'treatment' }] },
      // Never treated: no wait ended, so it counts nowhere (the waiting list shows it instead).
      { referralId: 'waiting', referredAt: day('2026-05-01'), attended: [] },
    ];
    const waits = hiddenWaits(journeys, asOf);
    // London midnight 28 calendar days before (BST then: 23:00 UTC), not 28 × 24 h before GMT midnight
    expect(waits.last28Days.from).toBe('2026-10-23T23:00:00.000Z');
    expect(waits.last28Days.referralToFirstTreatment).toMatchObject({ count: 1, medianDays: 41, shareOfStartsWithin6Weeks: 1 });
    expect(waits.last90Days.referralToFirstTreatment).toMatchObject({
      count: 2,
      medianDays: (41 + 113) / 2,
      p90Days: 113,
      shareOfStartsWithin6Weeks: 0.5,
      shareOfStartsWithin18Weeks: 1,
    });
  });

  it('finds the share of second treatments after more than 90 days', () => {
    const journey = (id: string, second: string): ReferralJourney => ({
      referralId: id,
      referredAt: day('2026-05-01'),
      attended: [
        { startsAt: day('2026-06-01'), purpose: 'treatment' },
        { startsAt: day(second), purpose: 'treatment' },
      ],
    });
    const waits = hiddenWaits([journey('a', '2026-09-01'), journey('b', '2026-09-15'), journey('c', '2026-10-01')], asOf);
    // 92, 106 and 122 days after the first treatment.
    expect(waits.last90Days.firstToSecondTreatment).toEqual({ count: 3, medianDays: 106, p90Days: 122, shareOver90Days: 1 });
  });

  it('computes the 6- and 18-week shares with 42 and 126 days counted as within', () => {
    const journey = (id: string, referred: string): ReferralJourney => ({
      referralId: id,
      referredAt: day(referred),
      attended: [{ startsAt: day('2026-11-20'), purpose: 'treatment' }],
    });
    const waits = waitsBetween(
      [journey('42', '2026-10-09'), journey('43', '2026-10-08'), journey('126', '2026-07-17'), journey('127', '2026-07-16')],
      '2026-11-01T00:00:00.000Z',
      asOf,
    );
    expect(waits.referralToFirstTreatment).toMatchObject({ count: 4, shareOfStartsWithin6Weeks: 0.25, shareOfStartsWithin18Weeks: 0.75 });
  });

  it('counts waits in Europe/London calendar days across a clock change', () => {
    // Referred 23:30 BST on 24 October (22:30 UTC); first appointment 00:30 GMT on 26 October: two local days.
    const waits = waitsBetween(
      [{ referralId: 'r', referredAt: '2026-10-24T22:30:00.000Z', attended: [{ startsAt: '2026-10-26T00:30:00.000Z', purpose: 'assessment' }] }],
      '2026-10-01T00:00:00.000Z',
      asOf,
    );
    expect(waits.referralToFirstAppointment.medianDays).toBe(2);
  });

  it('ignores appointments before the referral and reports nulls when nothing ended in the window', () => {
    const waits = waitsBetween(
      [{ referralId: 'r', referredAt: day('2026-11-01'), attended: [{ startsAt: day('2026-10-01'), purpose: 'treatment' }] }],
      '2026-09-01T00:00:00.000Z',
      asOf,
    );
    expect(waits.referralToFirstAppointment).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(waits.referralToFirstTreatment.shareOfStartsWithin6Weeks).toBeNull();
    expect(waits.firstToSecondTreatment.shareOver90Days).toBeNull();
  });

  it('refuses a malformed window', () => {
    expect(() => waitsBetween([], 'last month', asOf)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});
