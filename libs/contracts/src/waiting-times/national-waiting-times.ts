/**
 * The ONE definition of the national waiting-time measures, shared by referrals (each episode's clock) and scheduling
 * (the service's waiting-time figures), so that the two can never disagree (issue 12 items 14–16).
 *
 * Source — NHS Talking Therapies for anxiety and depression waiting-time standard (NHS England, "Achieving Better
 * Access to Mental Health Services by 2020", 2014, in force since April 2016; restated in the NHS Talking Therapies
 * Manual, v7 2024): **75% of people referred begin treatment within 6 weeks of referral and 95% within 18 weeks**.
 * As NHS England / NHS Digital publish it (NHS Talking Therapies Monthly Statistics, "Waiting times" measures
 * `FinishedCourseTreatment6Weeks` / `…18Weeks`): the wait is from the **referral received date to the first
 * attended treatment appointment**, in whole days, **not adjusted for pauses**, counted over **referrals that
 * finished a course of treatment in the reporting period** (a finished course: ended having attended at least two
 * treatment appointments). A pause-adjusted wait is a local management figure only and is labelled so.
 *
 * Days are Europe/London calendar days (a clock change never adds or loses a day). "Within 6 weeks" is a wait of at
 * most 42 days; the breach date is the first day on which a first treatment would miss the standard.
 */
export const NATIONAL_WAITING_TIME_DEFINITION = {
  id: 'nhs-talking-therapies-referral-to-first-treatment/1',
  sixWeeksDays: 42,
  eighteenWeeksDays: 126,
  /** National expectations of the shares (not per-person targets). */
  expectedShare: { sixWeeks: 0.75, eighteenWeeks: 0.95 },
  /** Attended treatment appointments that make a course "finished" when the referral ends. */
  finishedCourseMinimumTreatments: 2,
  source:
    'NHS England, Achieving Better Access to Mental Health Services by 2020 (2014) and NHS Talking Therapies Manual v7 (2024): ' +
    '75% begin treatment within 6 weeks and 95% within 18 weeks of referral, measured over referrals that finished a course of treatment; ' +
    'NHS Talking Therapies Monthly Statistics (NHS England), waiting-time measures for finished courses.',
} as const;

/**
 * The stepped-care steps the 6/18-week standard applies to: NHS Talking Therapies (low and high intensity).
 * Complex needs and secondary care have no national referral-to-treatment clock here; crisis has its own timers.
 */
export const TALKING_THERAPIES_STEPS: readonly string[] = ['step-2', 'step-3'];
export type WaitingClockKind = 'talking-therapies' | 'crisis' | 'none';

/** Which clock an episode at `step` shows. */
export function waitingClockKindFor(step: string): WaitingClockKind {
  if (TALKING_THERAPIES_STEPS.includes(step)) return 'talking-therapies';
  if (step === 'crisis') return 'crisis';
  return 'none';
}

/**
 * Crisis timers (issue 12 item 15). Source: NHS England, "Mental health clinically-led review of standards: models
 * of care and measurement for urgent and emergency care" (2021 consultation, 2022 response): very urgent referrals to
 * community-based crisis services seen **within 4 hours** of referral. The **48-hour** rapid-response (home
 * treatment) timer is the figure the crisis resolution and home treatment pathway of this deployment uses (issue
 * 12 item 15; the clinically-led review's national "urgent" figure is 24 hours) — a local setting, flagged in the
 * hazard log for the clinical safety officer to confirm.
 */
export const CRISIS_TIMERS_DEFINITION = {
  id: 'crisis-timers/1',
  assessmentHours: 4,
  rapidResponseHours: 48,
  source:
    'NHS England, Mental health clinically-led review of standards (2021/2022): very urgent crisis referrals seen within 4 hours; ' +
    '48-hour rapid response: local crisis resolution and home treatment standard (see hazard log H-W4).',
} as const;

export interface StandardStatus {
  /** The last London date on which a first treatment still meets the standard. */
  lastDayWithinStandard: string;
  /** The first London date on which the standard is missed. */
  breachDate: string;
  breached: boolean;
}

export interface NationalWaitingClock {
  definition: typeof NATIONAL_WAITING_TIME_DEFINITION.id;
  /** London date the referral was received: day 0. */
  referralDate: string;
  running: boolean;
  stoppedBy: 'first-attended-treatment-appointment' | 'ended-before-treatment' | null;
  /** The London date the count runs to: the stop date, or `asOf` while the clock runs. */
  countedTo: string;
  /** Calendar days from referral to `countedTo`; never reduced by pauses. */
  daysWaited: number;
  sixWeeks: StandardStatus;
  eighteenWeeks: StandardStatus;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The Europe/London calendar date of an ISO 8601 instant with a zone. */
export function londonCalendarDateOf(instant: string): string {
  if (!INSTANT.test(instant) || Number.isNaN(Date.parse(instant))) throw new RangeError(`Not an ISO 8601 instant with a zone: ${instant}`);
  const parts = LONDON_DATE.formatToParts(Date.parse(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const utcMidnight = (date: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};

/** Whole calendar days from one London date to another. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The national wait of one referral, in London calendar days, from receipt to the first attended treatment. */
export function nationalWaitDays(referralReceivedAt: string, firstAttendedTreatmentAt: string): number {
  return Math.max(0, calendarDaysBetween(londonCalendarDateOf(referralReceivedAt), londonCalendarDateOf(firstAttendedTreatmentAt)));
}

/** The national status for a given number of days waited (shifted by `extraDays` for a local pause-adjusted view). */
export function standardStatus(referralDate: string, daysWaited: number, standardDays: number, extraDays = 0): StandardStatus {
  const lastDayWithinStandard = addCalendarDays(referralDate, standardDays + extraDays);
  return { lastDayWithinStandard, breachDate: addCalendarDays(lastDayWithinStandard, 1), breached: daysWaited > standardDays };
}

/**
 * The national (unadjusted) clock of one referral as of `asOf`: it stops at the first attended treatment
 * appointment, or when the referral ends before any treatment (it then never enters the national figures).
 */
export function nationalWaitingClock(input: {
  referralReceivedAt: string;
  firstAttendedTreatmentAt: string | null;
  endedBeforeTreatmentAt: string | null;
  asOf: string;
}): NationalWaitingClock {
  const referralDate = londonCalendarDateOf(input.referralReceivedAt);
  let stoppedBy: NationalWaitingClock['stoppedBy'] = null;
  let countedTo: string;
  if (input.firstAttendedTreatmentAt !== null) {
    stoppedBy = 'first-attended-treatment-appointment';
    countedTo = londonCalendarDateOf(input.firstAttendedTreatmentAt);
  } else if (input.endedBeforeTreatmentAt !== null) {
    stoppedBy = 'ended-before-treatment';
    countedTo = londonCalendarDateOf(input.endedBeforeTreatmentAt);
  } else {
    countedTo = londonCalendarDateOf(input.asOf);
  }
  if (countedTo < referralDate) countedTo = referralDate;
  const daysWaited = calendarDaysBetween(referralDate, countedTo);
  return {
    definition: NATIONAL_WAITING_TIME_DEFINITION.id,
    referralDate,
    running: stoppedBy === null,
    stoppedBy,
    countedTo,
    daysWaited,
    sixWeeks: standardStatus(referralDate, daysWaited, NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays),
    eighteenWeeks: standardStatus(referralDate, daysWaited, NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays),
  };
}

/** One referral as the national waiting-time figures read it. */
export interface CourseOfTreatment {
  referralReceivedAt: string;
  /** Attended treatment appointments (any order). */
  attendedTreatmentsAt: readonly string[];
  /** When the referral ended (discharge), or null while it is open. */
  endedAt: string | null;
}

/** A course finished when the referral ended having attended at least two treatment appointments. */
export function finishedCourse(course: CourseOfTreatment): boolean {
  return course.endedAt !== null && course.attendedTreatmentsAt.length >= NATIONAL_WAITING_TIME_DEFINITION.finishedCourseMinimumTreatments;
}

export interface NationalWaitingShares {
  definition: typeof NATIONAL_WAITING_TIME_DEFINITION.id;
  /** Referrals that finished a course of treatment in `[from, to)`: the national population. */
  finishedCourses: number;
  shareWithin6Weeks: number | null;
  shareWithin18Weeks: number | null;
  expectedShareWithin6Weeks: number;
  expectedShareWithin18Weeks: number;
}

/** The national KPI: of the referrals that finished a course in `[from, to)`, the share whose wait was ≤ 6 / ≤ 18 weeks. */
export function nationalWaitingShares(courses: readonly CourseOfTreatment[], from: string, to: string): NationalWaitingShares {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const waits: number[] = [];
  for (const course of courses) {
    if (!finishedCourse(course)) continue;
    const endedAt = Date.parse(course.endedAt as string);
    if (!(endedAt >= start && endedAt < end)) continue;
    const first = [...course.attendedTreatmentsAt].sort((a, b) => Date.parse(a) - Date.parse(b))[0] as string;
    waits.push(nationalWaitDays(course.referralReceivedAt, first));
  }
  const share = (limit: number) => (waits.length === 0 ? null : waits.filter((days) => days <= limit).length / waits.length);
  return {
    definition: NATIONAL_WAITING_TIME_DEFINITION.id,
    finishedCourses: waits.length,
    shareWithin6Weeks: share(NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays),
    shareWithin18Weeks: share(NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays),
    expectedShareWithin6Weeks: NATIONAL_WAITING_TIME_DEFINITION.expectedShare.sixWeeks,
    expectedShareWithin18Weeks: NATIONAL_WAITING_TIME_DEFINITION.expectedShare.eighteenWeeks,
  };
}

export interface CrisisTimer {
  dueAt: string;
  metAt: string | null;
  /** Missed: not met by `dueAt` (met late, or still unmet after it). */
  breached: boolean;
}

export interface CrisisTimers {
  definition: typeof CRISIS_TIMERS_DEFINITION.id;
  assessment: CrisisTimer;
  rapidResponse: CrisisTimer;
}

/** The crisis timers of a crisis episode as of `asOf`, in elapsed hours from referral (not calendar days). */
export function crisisTimers(input: { referralReceivedAt: string; assessedAt: string | null; respondedAt: string | null; asOf: string }): CrisisTimers {
  const received = Date.parse(input.referralReceivedAt);
  const now = Date.parse(input.asOf);
  const timer = (hours: number, metAt: string | null): CrisisTimer => {
    const due = received + hours * HOUR_MS;
    const met = metAt === null ? null : Date.parse(metAt);
    return { dueAt: new Date(due).toISOString(), metAt, breached: met === null ? now > due : met > due };
  };
  return {
    definition: CRISIS_TIMERS_DEFINITION.id,
    assessment: timer(CRISIS_TIMERS_DEFINITION.assessmentHours, input.assessedAt),
    rapidResponse: timer(CRISIS_TIMERS_DEFINITION.rapidResponseHours, input.respondedAt),
  };
}
