import { testNow } from '@stepwell/testing';
import { gapMetrics, type GapRefusalRow, type GapThreadRow } from './gap-metrics';

const DAY = 86_400_000;
const start = testNow();
const day = (n: number) => new Date(start + n * DAY);
const period = { from: day(-1), to: day(60) };

/** `n` people, each refused by Talking Therapies (day 0) and the CMHT (day 5), reaching care after `daysToCare` (null: never). */
function people(n: number, daysToCare: number | null, prefix = 'person', ageBand: string | null = '26-64') {
  const threads: GapThreadRow[] = [];
  const refusals: GapRefusalRow[] = [];
  for (let i = 0; i < n; i++) {
    const patientSubjectId = `${prefix}-${i}`;
    const threadId = `thread-${prefix}-${i}`;
    threads.push({
      threadId, patientSubjectId, referringOrganisationId: 'A81001', openedAt: day(0), firstReferralReceivedAt: day(-2),
      resolvedAt: daysToCare === null ? null : day(daysToCare), how: daysToCare === null ? null : 'care-accepted',
      overdueAt: daysToCare === null || daysToCare > 14 ? day(14) : null,
    });
    const base = { threadId, patientSubjectId, referringOrganisationId: 'A81001', ageBand };
    refusals.push(
      { ...base, referralId: `${threadId}-r1`, refusingOrganisationId: 'RXT01', refusingOrganisationType: 'talking-therapies', outcome: 'decline', declineReason: 'primary-need-not-in-scope', decidedAt: day(0) },
      { ...base, referralId: `${threadId}-r2`, refusingOrganisationId: 'RY1', refusingOrganisationType: 'secondary-care', outcome: 'return-with-advice', declineReason: null, decidedAt: day(5) },
    );
  }
  return { threads, refusals };
}

const organisationOf = (group: object): string | null => ('organisationId' in group ? (group.organisationId as string) : null);

describe('gap metrics for commissioners (issue 18 item 4)', () => {
  it('counts refusals, people refused by both Talking Therapies and secondary care, bounces and time to care', () => {
    const { threads, refusals } = people(6, 10);
    const metrics = gapMetrics({ ...period, groupBy: 'practice', threads, refusals });
    expect(metrics.total).toEqual({
      referralsRefused: 12,
      peopleRefused: 6,
      reachedCareWithin: { days14: 1, days28: 1, days90: 1 },
      medianDaysFirstReferralToCare: 12,
      threadsOverdue: null,
      bounces: 6,
      refusedByTalkingTherapiesAndSecondaryCare: 6,
      declineReasons: { 'primary-need-not-in-scope': 6 },
      outcomes: { decline: 6, 'return-with-advice': 6 },
    });
    expect(metrics.groups.map(organisationOf)).toEqual(['A81001']);
  });

  it('suppresses every count under 5, and the shares and medians resting on fewer than 5 people', () => {
    const { threads, refusals } = people(4, 10);
    const metrics = gapMetrics({ ...period, groupBy: 'service', threads, refusals });
    expect(metrics.total).toMatchObject({
      referralsRefused: 8,
      peopleRefused: null,
      reachedCareWithin: { days14: null, days28: null, days90: null },
      medianDaysFirstReferralToCare: null,
      bounces: null,
      refusedByTalkingTherapiesAndSecondaryCare: null,
      declineReasons: { 'primary-need-not-in-scope': null },
      outcomes: { decline: null, 'return-with-advice': null },
    });
    for (const group of metrics.groups) expect(group).toMatchObject({ referralsRefused: null, peopleRefused: null, bounces: null });
  });

  it('suppresses a share whose numerator is under 5 even when the people refused are not', () => {
    const reached = people(3, 10, 'reached');
    const waiting = people(5, null, 'waiting');
    const metrics = gapMetrics({ ...period, groupBy: 'practice', threads: [...reached.threads, ...waiting.threads], refusals: [...reached.refusals, ...waiting.refusals] });
    expect(metrics.total.peopleRefused).toBe(8);
    expect(metrics.total.threadsOverdue).toBe(5);
    expect(metrics.total.reachedCareWithin).toEqual({ days14: null, days28: null, days90: null });
  });

  it('never names a person or a thread', () => {
    const { threads, refusals } = people(7, 40);
    const text = JSON.stringify([gapMetrics({ ...period, groupBy: 'practice', threads, refusals }), gapMetrics({ ...period, groupBy: 'service', threads, refusals })]);
    expect(text).not.toMatch(/person-|thread-/);
  });

  it('counts only refusals decided in the period', () => {
    const { threads, refusals } = people(6, 10);
    const metrics = gapMetrics({ from: day(3), to: day(60), groupBy: 'service', threads, refusals });
    expect(metrics.total.referralsRefused).toBe(6);
    expect(metrics.groups.map(organisationOf)).toEqual(['RY1']);
    expect(metrics.total.refusedByTalkingTherapiesAndSecondaryCare).toBeNull();
  });

  it('groups by age band at the referral (equity), every cell suppressed under 5, unknown bands shown as such', () => {
    const young = people(6, 10, 'young', '18-25');
    const older = people(3, 10, 'older', '65-and-over');
    const unknown = people(5, null, 'unknown', null);
    const all = [young, older, unknown];
    const metrics = gapMetrics({ ...period, groupBy: 'equity', threads: all.flatMap((p) => p.threads), refusals: all.flatMap((p) => p.refusals) });
    expect(metrics.groupBy).toBe('equity');
    expect(metrics.total).toMatchObject({ referralsRefused: 28, peopleRefused: 14 });
    expect(metrics.groups).toEqual([
      expect.objectContaining({ ageBand: '18-25', referralsRefused: 12, peopleRefused: 6, reachedCareWithin: { days14: 1, days28: 1, days90: 1 } }),
      expect.objectContaining({ ageBand: '65-and-over', referralsRefused: 6, peopleRefused: null, reachedCareWithin: { days14: null, days28: null, days90: null }, bounces: null, medianDaysFirstReferralToCare: null }),
      expect.objectContaining({ ageBand: 'unknown', referralsRefused: 10, peopleRefused: 5, threadsOverdue: 5 }),
    ]);
    for (const group of metrics.groups) expect(group).not.toHaveProperty('organisationId');
    expect(JSON.stringify(metrics)).not.toMatch(/young-|older-|thread-/);
  });
});
