import type { BarDatum } from './chart';

/**
 * The service lead's dashboards: the shapes of the services' metrics answers and how they become chart rows. Every
 * figure is the service's own (scheduling `GET /metrics/waits`, outcomes `GET /metrics/outcomes`, consultations
 * `GET /metrics/consultations`, referrals `GET /metrics/gaps`): the browser computes no clinical figure, only turns a
 * share into a percentage for drawing. National standards come from the answers too (`expectedShareWithin6Weeks`,
 * each rate's `standard` with its `source`), never from a copy here. A figure a service suppressed (null) is shown as
 * "suppressed (fewer than N)" and never as 0 (hazard H-WD1).
 */

/** The period asked for: Europe/London calendar dates, both inclusive (YYYY-MM-DD). */
export interface DashboardPeriod {
  from: string;
  to: string;
}

const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const iso = (date: Date): string => date.toISOString().slice(0, 10);

export const dayAfter = (date: string): string => iso(new Date(utc(date).getTime() + 86_400_000));

/**
 * The default period: the last 12 months up to today, i.e. from the day after the same date a year earlier
 * (29 February → 1 March) to today, both inclusive — 365 or 366 days, inside the referrals service's 400-day limit.
 */
export function defaultPeriod(today: string): DashboardPeriod {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const lastYear = new Date(Date.UTC(year - 1, month - 1, day));
  // Date.UTC rolls 29 February of a non-leap year to 1 March: that is already "the day after".
  const from = lastYear.getUTCMonth() === month - 1 ? dayAfter(iso(lastYear)) : iso(lastYear);
  return { from, to: today };
}

// ---- The services' answers (only the fields the dashboards read) -------------------------------------------------

/**
 * scheduling `GET /metrics/waits`: `national` is the national KPI, `window`/`recent` local figures. Counts 1–4 and
 * every figure computed from fewer than `suppression.threshold` waits are null (small-number suppression).
 */
export interface WaitSummary {
  count: number | null;
  medianDays: number | null;
  p90Days: number | null;
}
export interface WaitsWindow {
  from: string;
  to: string;
  referralToFirstAppointment: WaitSummary;
  referralToFirstTreatment: WaitSummary & { shareOfStartsWithin6Weeks: number | null; shareOfStartsWithin18Weeks: number | null };
  firstToSecondTreatment: WaitSummary & { shareOver90Days: number | null };
}
export interface WaitsReport {
  organisation: string;
  national: {
    definition: string;
    finishedCourses: number | null;
    shareWithin6Weeks: number | null;
    shareWithin18Weeks: number | null;
    expectedShareWithin6Weeks: number;
    expectedShareWithin18Weeks: number;
  };
  window: WaitsWindow;
  recent: { asOf: string; last28Days: WaitsWindow; last90Days: WaitsWindow };
  suppression: { threshold: number; rule: string };
}

/** outcomes `GET /metrics/outcomes`. */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
  percent: number | null;
  standard: { atLeast: number; source: string; period?: string } | null;
  meetsStandard: boolean | null;
}
export interface OutcomeMetrics {
  ruleSetVersion: string;
  counts: { episodes: number; finishedCourses: number };
  pairedScoreCompleteness: Rate;
  recovery: Rate;
  reliableImprovement: Rate;
  reliableRecovery: Rate;
  reliableDeterioration: Rate;
  noReliableChange: Rate;
}
export interface ServiceOutcomesView {
  organisationId: string;
  ruleSetVersion: string;
  metrics: OutcomeMetrics;
  groupBy: string | null;
  groups: Array<{ group: string; metrics: OutcomeMetrics }>;
  note: string | null;
  localWholeJourney: { label: string; metrics: OutcomeMetrics };
}

/** consultations `GET /metrics/consultations`: counts 1–4 and figures resting on fewer than 5 answers are null. */
export interface ConsultationFigures {
  requests: number | null;
  answered: number | null;
  timeToAnswerHours: { median: number | null; p90: number | null };
  shareAnsweredWithinTarget: number | null;
  managedInPrimaryCare: number | null;
}
export interface ConsultationMetrics extends ConsultationFigures {
  organisation: string;
  byPractice?: Array<{ practice: string } & ConsultationFigures>;
}

/** referrals `GET /metrics/gaps` (commissioners): every count under `suppression.threshold` is null. */
export interface GapCell {
  referralsRefused: number | null;
  peopleRefused: number | null;
  reachedCareWithin: { days14: number | null; days28: number | null; days90: number | null };
  medianDaysFirstReferralToCare: number | null;
  threadsOverdue: number | null;
  bounces: number | null;
}
export interface GapMetrics {
  from: string;
  to: string;
  area: string | null;
  groupBy: string;
  suppression: { threshold: number; rule: string };
  total: GapCell;
  groups: Array<{ organisationId?: string; ageBand?: string } & GapCell>;
}

// ---- Requests ---------------------------------------------------------------------------------------------------

/**
 * The BFF paths for one period. Each service's own period rule: waits and gaps take `[from, to)` instants (so the
 * day after `to`), outcomes and consultations take inclusive dates. Only consultations and gaps can group by
 * practice; outcomes is asked `groupBy=practice` so that its own note says why it cannot (not held there yet).
 */
export function dashboardPaths(period: DashboardPeriod, organisation: string) {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const end = dayAfter(period.to);
  return {
    waits: `/api/scheduling/metrics/waits?${q({ organisation, from: period.from, to: end })}`,
    outcomes: `/api/outcomes/metrics/outcomes?${q({ organisation, from: period.from, to: period.to, groupBy: 'practice' })}`,
    consultations: `/api/consultations/metrics/consultations?${q({ organisation, from: period.from, to: period.to, groupBy: 'practice' })}`,
    gaps: `/api/referrals/metrics/gaps?${q({ area: organisation, from: period.from, to: end, groupBy: 'practice' })}`,
  };
}

// ---- Words and chart rows ------------------------------------------------------------------------------------------

export const suppressedText = (threshold: number): string => `suppressed (fewer than ${threshold})`;

/**
 * The consultations service's threshold (`SUPPRESS_BELOW` in libs/contracts/src/shared/small-numbers.ts): its
 * answer does not carry it, unlike referrals' gap metrics (`suppression.threshold`). Used only for the words.
 */
export const CONSULTATIONS_SUPPRESS_BELOW = 5;

const percent = (share: number): number => Math.round(share * 1000) / 10;
const percentText = (share: number): string => `${percent(share)}%`;

/** The national 6- and 18-week shares beside the expected 75% / 95% (as scheduling answers them). */
export function waitingStandardBars(report: WaitsReport): BarDatum[] {
  const n = report.national;
  const none = (share: number | null) =>
    n.finishedCourses === 0 ? 'no finished courses in the period' : n.finishedCourses === null || share === null ? suppressedText(report.suppression.threshold) : '';
  const bar = (key: string, label: string, share: number | null, expected: number): BarDatum => ({
    key,
    label,
    value: share === null ? null : percent(share),
    display: share === null || n.finishedCourses === null ? none(share) : `${percentText(share)} of ${n.finishedCourses}`,
    standard: { value: percent(expected), label: `national standard ${percentText(expected)}` },
  });
  return [
    bar('six-weeks', 'Began treatment within 6 weeks', n.shareWithin6Weeks, n.expectedShareWithin6Weeks),
    bar('eighteen-weeks', 'Began treatment within 18 weeks', n.shareWithin18Weeks, n.expectedShareWithin18Weeks),
  ];
}

/** The local waits (median days) of one window; the hidden wait is first to second treatment. */
export function waitBars(window: WaitsWindow, threshold: number): BarDatum[] {
  const bar = (key: string, label: string, wait: WaitSummary): BarDatum => ({
    key,
    label,
    value: wait.count === 0 ? null : wait.medianDays,
    display:
      wait.count === 0
        ? 'no waits ended'
        : wait.count === null || wait.medianDays === null
          ? suppressedText(threshold)
          : `median ${wait.medianDays} days (${wait.count} waits)`,
  });
  return [
    bar('first-appointment', 'Referral to first appointment', window.referralToFirstAppointment),
    bar('first-treatment', 'Referral to first treatment', window.referralToFirstTreatment),
    bar('second-treatment', 'First to second treatment', window.firstToSecondTreatment),
  ];
}

/** A rate with its national standard (outcomes' own, with its source), as a bar in percent. */
export function rateBar(key: string, label: string, rate: Rate): BarDatum {
  const standard = rate.standard
    ? { value: percent(rate.standard.atLeast), label: `national standard ${percentText(rate.standard.atLeast)}${rate.standard.period ? ` (${rate.standard.period})` : ''}` }
    : null;
  return {
    key,
    label,
    value: rate.percent,
    display: rate.percent === null ? 'no finished courses in the denominator' : `${rate.percent}% (${rate.numerator} of ${rate.denominator})`,
    standard,
  };
}

export function outcomeBars(metrics: OutcomeMetrics): BarDatum[] {
  return [
    rateBar('recovery', 'Recovery', metrics.recovery),
    rateBar('reliable-improvement', 'Reliable improvement', metrics.reliableImprovement),
    rateBar('reliable-recovery', 'Reliable recovery', metrics.reliableRecovery),
    rateBar('reliable-deterioration', 'Reliable deterioration', metrics.reliableDeterioration),
  ];
}

/** The sources of the standards drawn, once each, for the chart's notes. */
export function standardSources(metrics: OutcomeMetrics): string[] {
  return [...new Set([metrics.recovery, metrics.reliableImprovement, metrics.reliableRecovery].flatMap((r) => (r.standard ? [r.standard.source] : [])))];
}

/** A count a service may have suppressed (null). */
export const countText = (count: number | null, threshold: number): string => (count === null ? suppressedText(threshold) : String(count));

/**
 * A consultations figure resting on the answered consultations: null because nothing was answered ("no answers"),
 * because the base itself is suppressed or under the threshold ("suppressed"), or — with a base at or over the
 * threshold — because the service had nothing to compute.
 */
export function consultationFigureText(figure: number | null, answered: number | null, format: (value: number) => string): string {
  if (figure !== null) return format(figure);
  if (answered === 0) return 'no answers in the period';
  if (answered === null || answered < CONSULTATIONS_SUPPRESS_BELOW) return suppressedText(CONSULTATIONS_SUPPRESS_BELOW);
  return 'not available';
}

/** Consultation requests per practice that asked (a consultation service's view). */
export function consultationPracticeBars(report: ConsultationMetrics, names: ReadonlyMap<string, string>): BarDatum[] {
  return (report.byPractice ?? []).map((p) => ({
    key: p.practice,
    label: names.get(p.practice) ?? p.practice,
    value: p.requests,
    display: p.requests === null ? suppressedText(CONSULTATIONS_SUPPRESS_BELOW) : `${p.requests} requests`,
  }));
}

/** The commissioner's gap watch per referring practice: people refused, and the share reaching care within 28 days. */
export function gapPracticeBars(gaps: GapMetrics, names: ReadonlyMap<string, string>): { refused: BarDatum[]; reached: BarDatum[] } {
  const threshold = gaps.suppression.threshold;
  const name = (g: GapMetrics['groups'][number]) => {
    const code = g.organisationId ?? g.ageBand ?? 'not known';
    return names.get(code) ?? code;
  };
  return {
    refused: gaps.groups.map((g) => ({
      key: g.organisationId ?? g.ageBand ?? 'not-known',
      label: name(g),
      value: g.peopleRefused,
      display: g.peopleRefused === null ? suppressedText(threshold) : `${g.peopleRefused} people`,
    })),
    reached: gaps.groups.map((g) => ({
      key: g.organisationId ?? g.ageBand ?? 'not-known',
      label: name(g),
      value: g.reachedCareWithin.days28 === null ? null : percent(g.reachedCareWithin.days28),
      display: g.reachedCareWithin.days28 === null ? suppressedText(threshold) : percentText(g.reachedCareWithin.days28),
    })),
  };
}

/**
 * What issue 20 asks the service lead's dashboards to show that no service answers yet: said on the screen and in
 * the README instead of being computed in the browser from patient-level records.
 */
export const NOT_SERVED: ReadonlyArray<{ figure: string; why: string }> = [
  { figure: 'Did-not-attend (DNA) rate', why: 'scheduling records attendance (did not attend, arrived late) per appointment but serves no DNA rate' },
  { figure: 'Step moves (stepped up or down)', why: 'referrals and outcomes hold the step changes but no endpoint counts them, by practice or otherwise' },
  { figure: 'Recovery and other rates by practice', why: 'the outcomes service does not hold the referring practice (its own note is shown with the rates)' },
  { figure: 'Waits by practice', why: 'scheduling’s waits have no grouping' },
];
