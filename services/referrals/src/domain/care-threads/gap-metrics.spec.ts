import { testNow } from '@stepwell/testing';
import { GAP_GROUPINGS, gapMetrics, type GapMetrics, type GapMetricsCell, type GapRefusalRow, type GapThreadRow } from './gap-metrics';

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
      declineReasonsOfRefusedByBoth: { 'primary-need-not-in-scope': 6 },
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
      // 14 refused minus 6 young and 3 older (hidden) would give 3 people with no band back: so the unknown band's 5
      // is hidden too, and so are the young adults' shares (9 reached care in all, 6 of them young: 3 older).
      expect.objectContaining({ ageBand: '18-25', referralsRefused: 12, peopleRefused: 6, reachedCareWithin: { days14: null, days28: null, days90: null } }),
      expect.objectContaining({ ageBand: '65-and-over', referralsRefused: 6, peopleRefused: null, reachedCareWithin: { days14: null, days28: null, days90: null }, bounces: null, medianDaysFirstReferralToCare: null }),
      expect.objectContaining({ ageBand: 'unknown', referralsRefused: 10, peopleRefused: null, threadsOverdue: 5, outcomes: { decline: null, 'return-with-advice': 5 } }),
    ]);
    for (const group of metrics.groups) expect(group).not.toHaveProperty('organisationId');
    expect(JSON.stringify(metrics)).not.toMatch(/young-|older-|thread-/);
  });

  it('hides a second cell when the total minus the shown groups would give back a suppressed one (secondary suppression)', () => {
    // Talking Therapies refuses 6 people, the CMHT 4 of them (4 < 5: suppressed): the total of 10 referrals minus
    // Talking Therapies' 6 would say 4. Both service cells are hidden; the total stays.
    const six = people(6, 10);
    const refusals = six.refusals.filter((r) => r.refusingOrganisationId === 'RXT01' || !r.patientSubjectId.endsWith('-5') && !r.patientSubjectId.endsWith('-4'));
    const metrics = gapMetrics({ ...period, groupBy: 'service', threads: six.threads, refusals });
    expect(metrics.total.referralsRefused).toBe(10);
    // Talking Therapies' 6 is all declines: shown, they would give its hidden 6 back, so they are hidden as well.
    expect(metrics.groups[0]!.outcomes).toEqual({ decline: null });
    expect(metrics.groups.map((g) => [organisationOf(g), g.referralsRefused])).toEqual([['RXT01', null], ['RY1', null]]);
    expect(metrics.suppression.rule).toMatch(/secondary suppression/);
  });

  it('no count from 1 to 4 can be derived from any answer by subtraction, and no person is named (200 generated populations)', () => {
    let seed = 18;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    for (let run = 0; run < 200; run++) {
      const threads: GapThreadRow[] = [];
      const refusals: GapRefusalRow[] = [];
      const size = 1 + Math.floor(random() * 30);
      for (let i = 0; i < size; i++) {
        const patientSubjectId = `person-${run}-${i}`;
        const threadId = `thread-${run}-${i}`;
        const practice = pick(['A81001', 'B82005', 'C83001', null]);
        const daysToCare = pick([5, 10, 20, 40, 100, null]);
        threads.push({
          threadId, patientSubjectId, referringOrganisationId: practice, openedAt: day(0), firstReferralReceivedAt: day(-2),
          resolvedAt: daysToCare === null ? null : day(daysToCare), how: daysToCare === null ? null : 'care-accepted', overdueAt: random() < 0.4 ? day(14) : null,
        });
        const services = random() < 0.5 ? [['RXT01', 'talking-therapies']] : [['RXT01', 'talking-therapies'], [pick(['RY1', 'RY2']), 'secondary-care']];
        services.forEach(([organisation, type], n) => {
          const outcome = pick(['decline', 'decline', 'return-with-advice', 'signpost', 'refer-on']);
          refusals.push({
            threadId, patientSubjectId, referralId: `${threadId}-r${n}`, referringOrganisationId: practice, refusingOrganisationId: organisation!, refusingOrganisationType: type!,
            outcome, declineReason: outcome === 'decline' ? pick(['primary-need-not-in-scope', 'too-complex', 'outside-catchment']) : null, decidedAt: day(n * 5),
            ageBand: pick(['18-25', '26-64', '65-and-over', null]),
          });
        });
      }
      for (const groupBy of GAP_GROUPINGS) {
        const metrics = gapMetrics({ ...period, groupBy, threads, refusals });
        expectNothingSmallDerivable(metrics);
        expect(JSON.stringify(metrics)).not.toMatch(/person-|thread-/);
      }
    }
  });
});

/**
 * The commissioner's arithmetic, independent of the implementation: every count shown is 5 or more, and no sum a
 * reader can take — the total minus the groups shown, a cell's refusals minus its outcomes shown, its declines minus
 * the reasons shown, its people minus those reached, one window minus the one before — comes out between 1 and 4.
 */
function expectNothingSmallDerivable(metrics: GapMetrics): void {
  const small = (n: number) => n >= 1 && n <= 4;
  const cells: GapMetricsCell[] = [metrics.total, ...metrics.groups];
  const counts = (c: GapMetricsCell) => [c.referralsRefused, c.peopleRefused, c.threadsOverdue, c.bounces, c.refusedByTalkingTherapiesAndSecondaryCare, ...Object.values(c.declineReasons), ...Object.values(c.outcomes)];
  const rest = (parent: number | null, children: Array<number | null>) =>
    parent === null || children.every((c) => c !== null) ? null : parent - children.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  for (const c of cells) {
    for (const value of counts(c)) if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
    // Refusals known directly, or as the sum of outcomes when every outcome is shown.
    const outcomes = Object.values(c.outcomes);
    const refusals = c.referralsRefused ?? (outcomes.every((o) => o !== null) ? outcomes.reduce<number>((sum, o) => sum + (o ?? 0), 0) : null);
    const inside = rest(refusals, outcomes);
    if (inside !== null) expect(small(inside)).toBe(false);
    const declines = rest(c.outcomes['decline'] ?? null, Object.values(c.declineReasons));
    if (declines !== null) expect(small(declines)).toBe(false);
    for (const [key, ofBoth] of Object.entries(c.declineReasonsOfRefusedByBoth)) {
      if (ofBoth !== null) expect(ofBoth).toBeGreaterThanOrEqual(5);
      const all = c.declineReasons[key] ?? null;
      if (all !== null && ofBoth !== null) expect(small(all - ofBoth)).toBe(false);
    }
    if (c.peopleRefused !== null) {
      const reached = [c.reachedCareWithin.days14, c.reachedCareWithin.days28, c.reachedCareWithin.days90].map((s) => (s === null ? null : Math.round(s * c.peopleRefused!)));
      if (reached[2] !== null) expect(small(c.peopleRefused - reached[2]!)).toBe(false);
      for (const value of reached) if (value !== null) expect(value).toBeGreaterThanOrEqual(5);
      if (reached[0] !== null && reached[1] !== null) expect(small(reached[1]! - reached[0]!)).toBe(false);
      if (reached[1] !== null && reached[2] !== null) expect(small(reached[2]! - reached[1]!)).toBe(false);
    }
  }
  // Across the table: the groups of `service` and `equity` partition the refusals (every refusal has one refusing
  // service and one band, unknown included); `practice` leaves out refusals with no practice (a remainder).
  if (metrics.groups.length === 0) return;
  const across = (pick: (c: GapMetricsCell) => number | null | undefined) => {
    const derived = rest(pick(metrics.total) ?? null, metrics.groups.map((g) => pick(g) ?? 0));
    if (derived !== null) expect({ derived, small: small(derived) }).toEqual({ derived, small: false });
  };
  across((c) => c.referralsRefused);
  across((c) => c.threadsOverdue);
  if (metrics.groupBy !== 'service') across((c) => c.peopleRefused);
  for (const key of Object.keys(metrics.total.outcomes)) across((c) => c.outcomes[key]);
  for (const key of Object.keys(metrics.total.declineReasons)) across((c) => c.declineReasons[key]);
  for (const key of Object.keys(metrics.total.declineReasonsOfRefusedByBoth)) across((c) => c.declineReasonsOfRefusedByBoth[key]);
}
