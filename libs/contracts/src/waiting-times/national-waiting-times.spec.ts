import { crisisTimers, nationalWaitingClock, nationalWaitingShares, waitingClockKindFor } from './national-waiting-times';

describe('national waiting-time definition (one for referrals and scheduling)', () => {
  it('counts referral received → first attended treatment in London calendar days, unadjusted, with 6- and 18-week breach dates', () => {
    const clock = nationalWaitingClock({
      referralReceivedAt: '2026-03-28T23:30:00Z', // 28 March in London (GMT)
      firstAttendedTreatmentAt: '2026-05-09T23:30:00Z', // 10 May in London (BST)
      endedBeforeTreatmentAt: null,
      asOf: '2026-06-01T00:00:00Z',
    });
    expect(clock).toEqual({
      definition: 'nhs-talking-therapies-referral-to-first-treatment/1',
      referralDate: '2026-03-28',
      running: false,
      stoppedBy: 'first-attended-treatment-appointment',
      countedTo: '2026-05-10',
      daysWaited: 43,
      sixWeeks: { lastDayWithinStandard: '2026-05-09', breachDate: '2026-05-10', breached: true },
      eighteenWeeks: { lastDayWithinStandard: '2026-08-01', breachDate: '2026-08-02', breached: false },
    });
  });

  it('applies the 6/18-week standard to Talking Therapies steps only; crisis has its own timers; secondary care and complex needs none', () => {
    expect(['step-2', 'step-3', 'crisis', 'secondary-care', 'complex-needs', 'step-1'].map(waitingClockKindFor)).toEqual([
      'talking-therapies',
      'talking-therapies',
      'crisis',
      'none',
      'none',
      'none',
    ]);
  });

  it('computes the shares over referrals that finished a course in the period (ended with ≥ 2 attended treatments), not over treatments started', () => {
    const courses = [
      // Finished in the period, waited 10 days.
      { referralReceivedAt: '2026-01-01T10:00:00Z', attendedTreatmentsAt: ['2026-01-11T10:00:00Z', '2026-01-18T10:00:00Z'], endedAt: '2026-02-10T10:00:00Z' },
      // Finished in the period, waited 50 days.
      { referralReceivedAt: '2025-12-01T10:00:00Z', attendedTreatmentsAt: ['2026-01-20T10:00:00Z', '2026-01-27T10:00:00Z'], endedAt: '2026-02-15T10:00:00Z' },
      // Started treatment in the period but still open: not in the national population.
      { referralReceivedAt: '2026-01-01T10:00:00Z', attendedTreatmentsAt: ['2026-02-05T10:00:00Z'], endedAt: null },
      // Ended after one treatment: not a finished course.
      { referralReceivedAt: '2025-06-01T10:00:00Z', attendedTreatmentsAt: ['2026-02-01T10:00:00Z'], endedAt: '2026-02-20T10:00:00Z' },
    ];
    expect(nationalWaitingShares(courses, '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')).toMatchObject({
      finishedCourses: 2,
      shareWithin6Weeks: 0.5,
      shareWithin18Weeks: 1,
      expectedShareWithin6Weeks: 0.75,
      expectedShareWithin18Weeks: 0.95,
    });
  });

  it('crisis timers: assessment due 4 hours and rapid response 48 hours after referral; breached when unmet past due or met late', () => {
    const timers = crisisTimers({ referralReceivedAt: '2026-03-29T00:30:00Z', assessedAt: '2026-03-29T05:00:00Z', respondedAt: null, asOf: '2026-03-30T12:00:00Z' });
    expect(timers.assessment).toEqual({ dueAt: '2026-03-29T04:30:00.000Z', metAt: '2026-03-29T05:00:00Z', breached: true });
    expect(timers.rapidResponse).toEqual({ dueAt: '2026-03-31T00:30:00.000Z', metAt: null, breached: false });
  });
});
