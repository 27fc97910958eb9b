import { AGE_BANDS } from './age-band';

/**
 * The commissioner's gap metrics (issue 18 item 4): aggregates of refused referrals and what became of the people
 * refused, by referring practice or by refusing service. Pure: the rows and the period arrive as arguments.
 *
 * Small numbers: every count under `SMALL_NUMBER_THRESHOLD` (5) is suppressed (null), and so is every share or median
 * resting on fewer than 5 people (hazard H-GW4). The threshold follows NHS England's statistical disclosure control
 * practice for published mental health statistics (NHS Digital, *Mental Health Services Monthly Statistics*,
 * methodology: counts below 5 suppressed; NHS Digital, *Disclosure Control Method for Official Statistics*); no
 * answer ever names a person or a thread, only organisation codes and counts.
 */
export const SMALL_NUMBER_THRESHOLD = 5;
/** "Reached care within": days from the first refusal (the thread opening) to an organisation accepting care. */
export const REACHED_CARE_WITHIN_DAYS = [14, 28, 90] as const;
/**
 * practice: the referring organisation; service: the refusing one; equity: the person's age band at the referral —
 * the only equity field a referral holds (no ethnicity, sex or deprivation is recorded here; see `age-band.ts`).
 */
export const GAP_GROUPINGS = ['practice', 'service', 'equity'] as const;
export type GapGrouping = (typeof GAP_GROUPINGS)[number];
/** The equity group of a refusal whose age band is not known (recorded before bands, or erased). */
export const UNKNOWN_AGE_BAND = 'unknown';

const DAY_MS = 86_400_000;
const EQUITY_ORDER: readonly string[] = [...AGE_BANDS, UNKNOWN_AGE_BAND];

export interface GapThreadRow {
  threadId: string;
  patientSubjectId: string;
  referringOrganisationId: string | null;
  openedAt: Date;
  firstReferralReceivedAt: Date;
  resolvedAt: Date | null;
  how: 'care-accepted' | 'closed-by-referrer' | null;
  /** When the thread went overdue (no acceptance in time); null: it did not. */
  overdueAt: Date | null;
}

export interface GapRefusalRow {
  threadId: string;
  patientSubjectId: string;
  referralId: string;
  referringOrganisationId: string | null;
  refusingOrganisationId: string;
  /** From the organisation registry (null: an organisation the registry does not know). */
  refusingOrganisationType: string | null;
  outcome: string;
  declineReason: string | null;
  decidedAt: Date;
  /** The person's age band at the referral (`AGE_BANDS`); null: not known. */
  ageBand: string | null;
}

/** A count, or null when it is under the threshold (suppressed). */
export type Suppressed = number | null;

export interface GapMetricsCell {
  referralsRefused: Suppressed;
  peopleRefused: Suppressed;
  /** Share (0–1) of the people refused whose thread an organisation accepted within 14, 28 and 90 days. */
  reachedCareWithin: { days14: number | null; days28: number | null; days90: number | null };
  /** Median days from the first referral of a thread to the first accepted care (threads resolved by care). */
  medianDaysFirstReferralToCare: number | null;
  /** Threads that went overdue: no organisation accepted care within 14 days (2 with risk) of the first refusal. */
  threadsOverdue: Suppressed;
  /** Threads whose referrals were refused by two or more services (passed between services). */
  bounces: Suppressed;
  /** People refused by both an NHS Talking Therapies service and a secondary care (CMHT) service in the period. */
  refusedByTalkingTherapiesAndSecondaryCare: Suppressed;
  /** Decline reasons (codes) behind the refusals, each count suppressed under the threshold. */
  declineReasons: Record<string, Suppressed>;
  /** Refusals by triage outcome (decline, return-with-advice, signpost, refer-on). */
  outcomes: Record<string, Suppressed>;
}

export interface GapMetrics {
  from: string;
  to: string;
  groupBy: GapGrouping;
  suppression: { threshold: number; rule: string };
  total: GapMetricsCell;
  /** By organisation (`practice`, `service`) or by age band (`equity`: one of `AGE_BANDS` or `unknown`). */
  groups: Array<({ organisationId: string } | { ageBand: string }) & GapMetricsCell>;
}

export const suppress = (count: number): Suppressed => (count < SMALL_NUMBER_THRESHOLD ? null : count);

function median(values: number[]): number | null {
  if (values.length < SMALL_NUMBER_THRESHOLD) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number): number => sorted[index] ?? 0;
  const value = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return Math.round(value * 10) / 10;
}

function share(part: number, whole: number): number | null {
  if (whole < SMALL_NUMBER_THRESHOLD || part < SMALL_NUMBER_THRESHOLD) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

function countBy(values: Array<string | null>): Record<string, Suppressed> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => [key, suppress(count)]));
}

/** One cell: the refusals of the group in the period, and the threads and people behind them. */
function cell(refusals: GapRefusalRow[], threads: ReadonlyMap<string, GapThreadRow>, allRefusals: GapRefusalRow[]): GapMetricsCell {
  const threadIds = [...new Set(refusals.map((r) => r.threadId))];
  const groupThreads = threadIds.map((id) => threads.get(id)).filter((t): t is GapThreadRow => t !== undefined);
  const people = new Set(groupThreads.map((t) => t.patientSubjectId));
  const reached = (days: number) =>
    new Set(
      groupThreads
        .filter((t) => t.how === 'care-accepted' && t.resolvedAt !== null && t.resolvedAt.getTime() - t.openedAt.getTime() <= days * DAY_MS)
        .map((t) => t.patientSubjectId),
    ).size;
  const toCare = groupThreads.flatMap((t) =>
    t.how === 'care-accepted' && t.resolvedAt !== null ? [(t.resolvedAt.getTime() - t.firstReferralReceivedAt.getTime()) / DAY_MS] : [],
  );
  const refusersOf = new Map<string, Set<string>>();
  for (const r of allRefusals) {
    const set = refusersOf.get(r.threadId) ?? new Set<string>();
    set.add(r.refusingOrganisationId);
    refusersOf.set(r.threadId, set);
  }
  const typesOfPerson = new Map<string, Set<string>>();
  for (const r of allRefusals) {
    if (!people.has(r.patientSubjectId) || r.refusingOrganisationType === null) continue;
    const set = typesOfPerson.get(r.patientSubjectId) ?? new Set<string>();
    set.add(r.refusingOrganisationType);
    typesOfPerson.set(r.patientSubjectId, set);
  }
  const both = [...typesOfPerson.values()].filter((types) => types.has('talking-therapies') && types.has('secondary-care')).length;
  return {
    referralsRefused: suppress(refusals.length),
    peopleRefused: suppress(people.size),
    reachedCareWithin: { days14: share(reached(14), people.size), days28: share(reached(28), people.size), days90: share(reached(90), people.size) },
    medianDaysFirstReferralToCare: median(toCare),
    threadsOverdue: suppress(groupThreads.filter((t) => t.overdueAt !== null).length),
    bounces: suppress(threadIds.filter((id) => (refusersOf.get(id)?.size ?? 0) >= 2).length),
    refusedByTalkingTherapiesAndSecondaryCare: suppress(both),
    declineReasons: countBy(refusals.filter((r) => r.outcome === 'decline').map((r) => r.declineReason)),
    outcomes: countBy(refusals.map((r) => r.outcome)),
  };
}

/**
 * The gap metrics of the refusals decided in [from, to): `threads` are the threads those refusals belong to (with
 * their resolution as known now), `refusals` every refusal of the period.
 */
export function gapMetrics(input: { from: Date; to: Date; groupBy: GapGrouping; threads: GapThreadRow[]; refusals: GapRefusalRow[] }): GapMetrics {
  const inPeriod = input.refusals.filter((r) => r.decidedAt >= input.from && r.decidedAt < input.to);
  const threads = new Map(input.threads.map((t) => [t.threadId, t]));
  const keyOf = (r: GapRefusalRow): string | null => {
    switch (input.groupBy) {
      case 'practice':
        return r.referringOrganisationId;
      case 'service':
        return r.refusingOrganisationId;
      case 'equity':
        return r.ageBand ?? UNKNOWN_AGE_BAND;
    }
  };
  const order = (key: string): string => (input.groupBy === 'equity' ? String(EQUITY_ORDER.indexOf(key)).padStart(2, '0') : key);
  const groups = new Map<string, GapRefusalRow[]>();
  for (const r of inPeriod) {
    const key = keyOf(r);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    groupBy: input.groupBy,
    suppression: { threshold: SMALL_NUMBER_THRESHOLD, rule: 'counts under 5 are null; shares and medians resting on fewer than 5 people are null' },
    total: cell(inPeriod, threads, inPeriod),
    groups: [...groups.entries()]
      .sort(([a], [b]) => order(a).localeCompare(order(b)))
      .map(([key, rows]) => ({ ...(input.groupBy === 'equity' ? { ageBand: key } : { organisationId: key }), ...cell(rows, threads, inPeriod) })),
  };
}
