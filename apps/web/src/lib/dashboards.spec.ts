import { describe, expect, it } from 'vitest';
import { londonToday } from './date-entry';
import {
  consultationFigureText,
  consultationPracticeBars,
  countText,
  dashboardPaths,
  dayAfter,
  defaultPeriod,
  gapPracticeBars,
  type GapCell,
  type GapMetrics,
  outcomeBars,
  type OutcomeMetrics,
  type Rate,
  standardSources,
  waitBars,
  waitingStandardBars,
  type WaitsReport,
  type WaitsWindow,
} from './dashboards';

const rate = (numerator: number, denominator: number, standard: Rate['standard'] = null): Rate => {
  const r = denominator === 0 ? null : numerator / denominator;
  return { numerator, denominator, rate: r, percent: r === null ? null : Math.round(r * 1000) / 10, standard, meetsStandard: r === null || !standard ? null : r >= standard.atLeast };
};
const RECOVERY_STANDARD = { atLeast: 0.5, source: 'NHS England Mental Health Access and Waiting Time standards (April 2015)' };
const IMPROVEMENT_STANDARD = { atLeast: 0.69, period: '2026/27', source: 'NHS England Medium Term Planning Framework 2026/27 to 2028/29' };
const metrics = (overrides: Partial<OutcomeMetrics> = {}): OutcomeMetrics => ({
  ruleSetVersion: 'v1',
  counts: { episodes: 12, finishedCourses: 10 },
  pairedScoreCompleteness: rate(10, 10),
  recovery: rate(5, 8, RECOVERY_STANDARD),
  reliableImprovement: rate(7, 10, IMPROVEMENT_STANDARD),
  reliableRecovery: rate(4, 8, { ...IMPROVEMENT_STANDARD, atLeast: 0.51 }),
  reliableDeterioration: rate(1, 10),
  noReliableChange: rate(2, 10),
  ...overrides,
});
const wait = (count: number | null, medianDays: number | null) => ({ count, medianDays, p90Days: medianDays });
const window = (count: number | null): WaitsWindow => ({
  from: 'a',
  to: 'b',
  referralToFirstAppointment: wait(count, count ? 12 : null),
  referralToFirstTreatment: { ...wait(count, count ? 30 : null), shareOfStartsWithin6Weeks: null, shareOfStartsWithin18Weeks: null },
  firstToSecondTreatment: { ...wait(0, null), shareOver90Days: null },
});
const waits = (finishedCourses: number | null, six: number | null, eighteen: number | null): WaitsReport => ({
  organisation: 'DEMTT1',
  national: { definition: 'nhs-talking-therapies-referral-to-first-treatment/1', finishedCourses, shareWithin6Weeks: six, shareWithin18Weeks: eighteen, expectedShareWithin6Weeks: 0.75, expectedShareWithin18Weeks: 0.95 },
  window: window(3),
  recent: { asOf: 'c', last28Days: window(0), last90Days: window(3) },
  suppression: { threshold: 5, rule: 'counts under 5 are null' },
});
const cell = (peopleRefused: number | null, days28: number | null): GapCell => ({
  referralsRefused: peopleRefused, peopleRefused, reachedCareWithin: { days14: null, days28, days90: null }, medianDaysFirstReferralToCare: null, threadsOverdue: null, bounces: null,
});

describe('the period the dashboards ask for', () => {
  it('defaults to the last 12 months up to today: from the day after the same date a year ago', () => {
    const today = londonToday();
    const period = defaultPeriod(today);
    expect(period.to).toBe(today);
    const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;
    expect([365, 366]).toContain(days);
  });

  it('starts on 1 March when today is 29 February (no 29 February a year before)', () => {
    // The next leap year after this one, from today's date rather than a fixed calendar year.
    let leap = Number(londonToday().slice(0, 4)) + 1;
    while (!(leap % 4 === 0 && (leap % 100 !== 0 || leap % 400 === 0))) leap += 1;
    expect(defaultPeriod(`${leap}-02-29`)).toEqual({ from: `${leap - 1}-03-01`, to: `${leap}-02-29` });
    expect(defaultPeriod(`${leap}-03-01`)).toEqual({ from: `${leap - 1}-03-02`, to: `${leap}-03-01` });
  });

  it('asks waits and gaps for [from, the day after to) and outcomes and consultations for inclusive dates', () => {
    // This year, from today's date: the year's last day and the next year's first.
    const year = Number(londonToday().slice(0, 4));
    const paths = dashboardPaths({ from: `${year}-01-01`, to: `${year}-12-31` }, 'DEMTT1');
    expect(dayAfter(`${year}-12-31`)).toBe(`${year + 1}-01-01`);
    expect(paths.waits).toBe(`/api/scheduling/metrics/waits?organisation=DEMTT1&from=${year}-01-01&to=${year + 1}-01-01`);
    expect(paths.gaps).toBe(`/api/referrals/metrics/gaps?area=DEMTT1&from=${year}-01-01&to=${year + 1}-01-01&groupBy=practice`);
    expect(paths.outcomes).toBe(`/api/outcomes/metrics/outcomes?organisation=DEMTT1&from=${year}-01-01&to=${year}-12-31&groupBy=practice`);
    expect(paths.consultations).toBe(`/api/consultations/metrics/consultations?organisation=DEMTT1&from=${year}-01-01&to=${year}-12-31&groupBy=practice`);
  });
});

describe('waits against the 6- and 18-week standard', () => {
  it('draws the national shares as percentages beside the expected shares the service answered', () => {
    const [six, eighteen] = waitingStandardBars(waits(8, 0.625, 1));
    expect(six).toMatchObject({ value: 62.5, display: '62.5% of 8', standard: { value: 75, label: 'national standard 75%' } });
    expect(eighteen).toMatchObject({ value: 100, display: '100% of 8', standard: { value: 95, label: 'national standard 95%' } });
  });

  it('shows no bar, not 0%, when no course finished in the period', () => {
    const bars = waitingStandardBars(waits(0, null, null));
    expect(bars.map((b) => [b.value, b.display])).toEqual([[null, 'no finished courses in the period'], [null, 'no finished courses in the period']]);
  });

  it('says a suppressed share is suppressed, not that no course finished', () => {
    const bars = waitingStandardBars(waits(null, null, null));
    expect(bars.map((b) => [b.value, b.display])).toEqual([[null, 'suppressed (fewer than 5)'], [null, 'suppressed (fewer than 5)']]);
  });

  it('says a suppressed median is suppressed, not that no wait ended', () => {
    const bars = waitBars(window(null), 5);
    expect(bars.map((b) => [b.value, b.display])).toEqual([
      [null, 'suppressed (fewer than 5)'],
      [null, 'suppressed (fewer than 5)'],
      [null, 'no waits ended'],
    ]);
  });

  it('draws the local median waits and says when none ended', () => {
    const bars = waitBars(window(3), 5);
    expect(bars.map((b) => [b.label, b.value, b.display])).toEqual([
      ['Referral to first appointment', 12, 'median 12 days (3 waits)'],
      ['Referral to first treatment', 30, 'median 30 days (3 waits)'],
      ['First to second treatment', null, 'no waits ended'],
    ]);
    expect(bars.every((b) => !b.standard)).toBe(true);
  });
});

describe('outcome rates against the national standards', () => {
  it('draws each rate with the standard and period the outcomes service gave, and its numerator and denominator', () => {
    const [recovery, improvement, reliableRecovery, deterioration] = outcomeBars(metrics());
    expect(recovery).toMatchObject({ label: 'Recovery', value: 62.5, display: '62.5% (5 of 8)', standard: { value: 50, label: 'national standard 50%' } });
    expect(improvement).toMatchObject({ value: 70, standard: { value: 69, label: 'national standard 69% (2026/27)' } });
    expect(reliableRecovery?.standard).toEqual({ value: 51, label: 'national standard 51% (2026/27)' });
    expect(deterioration).toMatchObject({ label: 'Reliable deterioration', value: 10, standard: null });
  });

  it('shows no bar for a rate with no denominator, and lists each standard’s source once', () => {
    const [recovery] = outcomeBars(metrics({ recovery: rate(0, 0, RECOVERY_STANDARD) }));
    expect(recovery).toMatchObject({ value: null, display: 'no finished courses in the denominator' });
    expect(standardSources(metrics())).toEqual([RECOVERY_STANDARD.source, IMPROVEMENT_STANDARD.source]);
  });
});

describe('small numbers suppressed by the services are never shown as 0', () => {
  it('gap metrics: a null count or share is "suppressed (fewer than <the service’s threshold>)" with no bar', () => {
    const gaps: GapMetrics = {
      from: 'a', to: 'b', area: 'DEMCM1', groupBy: 'practice', suppression: { threshold: 5, rule: 'counts under 5 are null' },
      total: cell(null, null),
      groups: [{ organisationId: 'DEMGP1', ...cell(12, 0.5) }, { organisationId: 'DEMGP2', ...cell(null, null) }],
    };
    const bars = gapPracticeBars(gaps, new Map([['DEMGP1', 'Demo Riverside Surgery']]));
    expect(bars.refused.map((b) => [b.label, b.value, b.display])).toEqual([
      ['Demo Riverside Surgery', 12, '12 people'],
      ['DEMGP2', null, 'suppressed (fewer than 5)'],
    ]);
    expect(bars.reached.map((b) => [b.value, b.display])).toEqual([[50, '50%'], [null, 'suppressed (fewer than 5)']]);
    expect(gapPracticeBars({ ...gaps, suppression: { threshold: 10, rule: '' } }, new Map()).refused[1]?.display).toBe('suppressed (fewer than 10)');
  });

  it('consultations: a null count is suppressed; 0 stays 0', () => {
    expect(countText(null, 5)).toBe('suppressed (fewer than 5)');
    expect(countText(0, 5)).toBe('0');
    const bars = consultationPracticeBars(
      { organisation: 'DEMPC1', requests: 7, answered: 6, timeToAnswerHours: { median: 3, p90: 5 }, shareAnsweredWithinTarget: 1, managedInPrimaryCare: null, byPractice: [
        { practice: 'DEMGP1', requests: null, answered: null, timeToAnswerHours: { median: null, p90: null }, shareAnsweredWithinTarget: null, managedInPrimaryCare: null },
        { practice: 'DEMGP2', requests: 5, answered: 5, timeToAnswerHours: { median: 2, p90: 4 }, shareAnsweredWithinTarget: 1, managedInPrimaryCare: 1 },
      ] },
      new Map(),
    );
    expect(bars.map((b) => [b.value, b.display])).toEqual([[null, 'suppressed (fewer than 5)'], [5, '5 requests']]);
  });

  it('consultations: a figure is "no answers" with none answered, suppressed on a suppressed or small base, else the figure', () => {
    const pct = (v: number) => `${v * 100}%`;
    expect(consultationFigureText(0.5, 10, pct)).toBe('50%');
    expect(consultationFigureText(null, 0, pct)).toBe('no answers in the period');
    expect(consultationFigureText(null, null, pct)).toBe('suppressed (fewer than 5)');
    expect(consultationFigureText(null, 4, pct)).toBe('suppressed (fewer than 5)');
    expect(consultationFigureText(null, 9, pct)).toBe('not available');
  });
});
