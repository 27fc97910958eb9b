import { AGE_BANDS } from './age-band';
import { applySecondarySuppression, countCell, shownValue, unpublishedCell, type AdditiveRelation, type ProtectedCell } from './disclosure-control';

/**
 * The commissioner's gap metrics (issue 18 item 4): aggregates of refused referrals and what became of the people
 * refused, by referring practice or by refusing service. Pure: the rows and the period arrive as arguments.
 *
 * Small numbers: every count under `SMALL_NUMBER_THRESHOLD` (5) is suppressed (null), and so is every share or median
 * resting on fewer than 5 people (hazard H-GW4). The threshold follows NHS England's statistical disclosure control
 * practice for published mental health statistics (NHS Digital, *Mental Health Services Monthly Statistics*,
 * methodology: counts below 5 suppressed; NHS Digital, *Disclosure Control Method for Official Statistics*); no
 * answer ever names a person or a thread, only organisation codes and counts.
 *
 * Secondary suppression (hazard H-GW9): a total minus the cells shown beside it, or a cell's refusals minus its
 * outcomes shown, must not give back a suppressed count. After primary suppression, further cells are suppressed
 * until no count from 1 to 4 can be derived by subtraction (`disclosure-control.ts`; ONS, *Review of the
 * Dissemination of Health Statistics: Confidentiality Guidance*, secondary suppression; NHS Digital, *Anonymisation
 * Standard for Publishing Health and Social Care Data*, ISB 1523).
 */
export const SMALL_NUMBER_THRESHOLD = 5;
export const SUPPRESSION_RULE =
  'counts under 5 are null; shares and medians resting on fewer than 5 people are null; further cells are null where a total minus the cells shown would reveal a count under 5 (secondary suppression)';
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
  /**
   * The decline reasons behind the people refused by both Talking Therapies and secondary care: of the declines in
   * this cell, those of such people, by reason code (each count suppressed like every other).
   */
  declineReasonsOfRefusedByBoth: Record<string, Suppressed>;
  /** Refusals by triage outcome (decline, return-with-advice, signpost, refer-on). */
  outcomes: Record<string, Suppressed>;
}

export interface GapMetrics {
  from: string;
  to: string;
  /** The commissioning area asked for (its commissioner's ODS code): only refusals of its practices; null: every area. */
  area: string | null;
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

/** One cell's counts before anything is shown: each a `ProtectedCell`, so suppression can reason across cells. */
interface CountedCell {
  referralsRefused: ProtectedCell;
  peopleRefused: ProtectedCell;
  /** People whose thread an organisation accepted within 14, 28 and 90 days (published only as a share). */
  reached: { days14: ProtectedCell; days28: ProtectedCell; days90: ProtectedCell };
  /** Never published: what a share's complement and the steps between the windows would reveal. */
  reachedBetween14And28: ProtectedCell;
  reachedBetween28And90: ProtectedCell;
  notReachedWithin90: ProtectedCell;
  toCare: number[];
  threadsOverdue: ProtectedCell;
  bounces: ProtectedCell;
  refusedByTalkingTherapiesAndSecondaryCare: ProtectedCell;
  declineReasons: Map<string, ProtectedCell>;
  declineReasonsOfRefusedByBoth: Map<string, ProtectedCell>;
  /** Never published: the declines of each reason that are not of people refused by both. */
  declineReasonsOfOthers: Map<string, ProtectedCell>;
  outcomes: Map<string, ProtectedCell>;
}

const count = (value: number): ProtectedCell => countCell(value, SMALL_NUMBER_THRESHOLD);

function countBy(values: Array<string | null>): Map<string, ProtectedCell> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [key, count(n)]));
}

/** One cell: the refusals of the group in the period, and the threads and people behind them. */
function counted(refusals: GapRefusalRow[], threads: ReadonlyMap<string, GapThreadRow>, allRefusals: GapRefusalRow[]): CountedCell {
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
  const refusedByBoth = new Set([...typesOfPerson.entries()].filter(([, types]) => types.has('talking-therapies') && types.has('secondary-care')).map(([person]) => person));
  const both = refusedByBoth.size;
  const declineReasons = countBy(refusals.filter((r) => r.outcome === 'decline').map((r) => r.declineReason));
  const ofBoth = countBy(refusals.filter((r) => r.outcome === 'decline' && refusedByBoth.has(r.patientSubjectId)).map((r) => r.declineReason));
  const [within14, within28, within90] = [reached(14), reached(28), reached(90)];
  return {
    referralsRefused: count(refusals.length),
    peopleRefused: count(people.size),
    reached: { days14: count(within14), days28: count(within28), days90: count(within90) },
    reachedBetween14And28: unpublishedCell(within28 - within14),
    reachedBetween28And90: unpublishedCell(within90 - within28),
    notReachedWithin90: unpublishedCell(people.size - within90),
    toCare,
    threadsOverdue: count(groupThreads.filter((t) => t.overdueAt !== null).length),
    bounces: count(threadIds.filter((id) => (refusersOf.get(id)?.size ?? 0) >= 2).length),
    refusedByTalkingTherapiesAndSecondaryCare: count(both),
    declineReasons,
    declineReasonsOfRefusedByBoth: ofBoth,
    declineReasonsOfOthers: new Map([...declineReasons.entries()].map(([key, cell]) => [key, unpublishedCell(cell.value - (ofBoth.get(key)?.value ?? 0))])),
    outcomes: countBy(refusals.map((r) => r.outcome)),
  };
}

/**
 * Every sum a reader could subtract: inside a cell (refusals = Σ outcomes, declines = Σ reasons, people = reached in
 * 90 days + not reached, and the nested 14/28/90-day windows), and across the table (each count of the total = Σ the
 * groups' counts, where the groups partition it; where they overlap the sum says nothing and is harmless).
 */
function relationsOf(total: CountedCell, groups: readonly CountedCell[]): AdditiveRelation[] {
  const relations: AdditiveRelation[] = [];
  for (const c of [total, ...groups]) {
    relations.push({ parent: c.referralsRefused, children: [...c.outcomes.values()] });
    const declines = c.outcomes.get('decline');
    if (declines) relations.push({ parent: declines, children: [...c.declineReasons.values()] });
    for (const [key, cell] of c.declineReasons) {
      const others = c.declineReasonsOfOthers.get(key) ?? unpublishedCell(0);
      relations.push({ parent: cell, children: [c.declineReasonsOfRefusedByBoth.get(key) ?? unpublishedCell(0), others] });
    }
    relations.push({ parent: c.peopleRefused, children: [c.reached.days90, c.notReachedWithin90] });
    relations.push({ parent: c.reached.days90, children: [c.reached.days28, c.reachedBetween28And90] });
    relations.push({ parent: c.reached.days28, children: [c.reached.days14, c.reachedBetween14And28] });
  }
  if (groups.length === 0) return relations;
  const across = (pick: (c: CountedCell) => ProtectedCell | undefined) => {
    const parent = pick(total);
    if (parent) relations.push({ parent, children: groups.map(pick).filter((c): c is ProtectedCell => c !== undefined) });
  };
  for (const pick of [
    (c: CountedCell) => c.referralsRefused,
    (c: CountedCell) => c.peopleRefused,
    (c: CountedCell) => c.reached.days14,
    (c: CountedCell) => c.reached.days28,
    (c: CountedCell) => c.reached.days90,
    (c: CountedCell) => c.threadsOverdue,
    (c: CountedCell) => c.bounces,
    (c: CountedCell) => c.refusedByTalkingTherapiesAndSecondaryCare,
  ]) {
    across(pick);
  }
  for (const key of total.outcomes.keys()) across((c) => c.outcomes.get(key));
  for (const key of total.declineReasons.keys()) across((c) => c.declineReasons.get(key));
  for (const key of total.declineReasonsOfRefusedByBoth.keys()) across((c) => c.declineReasonsOfRefusedByBoth.get(key));
  return relations;
}

/** A share is shown only when both the people reached and the people refused are. */
function share(part: ProtectedCell, whole: ProtectedCell): number | null {
  if (part.hidden || whole.hidden || whole.value === 0) return null;
  return Math.round((part.value / whole.value) * 1000) / 1000;
}

const shownRecord = (cells: ReadonlyMap<string, ProtectedCell>): Record<string, Suppressed> =>
  Object.fromEntries([...cells.entries()].map(([key, cell]) => [key, shownValue(cell)]));

function shown(c: CountedCell): GapMetricsCell {
  return {
    referralsRefused: shownValue(c.referralsRefused),
    peopleRefused: shownValue(c.peopleRefused),
    reachedCareWithin: { days14: share(c.reached.days14, c.peopleRefused), days28: share(c.reached.days28, c.peopleRefused), days90: share(c.reached.days90, c.peopleRefused) },
    medianDaysFirstReferralToCare: median(c.toCare),
    threadsOverdue: shownValue(c.threadsOverdue),
    bounces: shownValue(c.bounces),
    refusedByTalkingTherapiesAndSecondaryCare: shownValue(c.refusedByTalkingTherapiesAndSecondaryCare),
    declineReasons: shownRecord(c.declineReasons),
    declineReasonsOfRefusedByBoth: shownRecord(c.declineReasonsOfRefusedByBoth),
    outcomes: shownRecord(c.outcomes),
  };
}

/**
 * The gap metrics of the refusals decided in [from, to): `threads` are the threads those refusals belong to (with
 * their resolution as known now), `refusals` every refusal of the period.
 */
export function gapMetrics(input: { from: Date; to: Date; area?: string | null; groupBy: GapGrouping; threads: GapThreadRow[]; refusals: GapRefusalRow[] }): GapMetrics {
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
  const sorted = [...groups.entries()].sort(([a], [b]) => order(a).localeCompare(order(b)));
  const total = counted(inPeriod, threads, inPeriod);
  const cells = sorted.map(([key, rows]) => ({ key, cell: counted(rows, threads, inPeriod) }));
  // Primary suppression is in each count; secondary suppression across the whole table (H-GW9).
  applySecondarySuppression(relationsOf(total, cells.map((c) => c.cell)), SMALL_NUMBER_THRESHOLD);
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    area: input.area ?? null,
    groupBy: input.groupBy,
    suppression: { threshold: SMALL_NUMBER_THRESHOLD, rule: SUPPRESSION_RULE },
    total: shown(total),
    groups: cells.map(({ key, cell }) => ({ ...(input.groupBy === 'equity' ? { ageBand: key } : { organisationId: key }), ...shown(cell) })),
  };
}
