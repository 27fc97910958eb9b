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
export declare const NATIONAL_WAITING_TIME_DEFINITION: {
    readonly id: "nhs-talking-therapies-referral-to-first-treatment/1";
    readonly sixWeeksDays: 42;
    readonly eighteenWeeksDays: 126;
    /** National expectations of the shares (not per-person targets). */
    readonly expectedShare: {
        readonly sixWeeks: 0.75;
        readonly eighteenWeeks: 0.95;
    };
    /** Attended treatment appointments that make a course "finished" when the referral ends. */
    readonly finishedCourseMinimumTreatments: 2;
    readonly source: string;
};
/**
 * The stepped-care steps the 6/18-week standard applies to: NHS Talking Therapies (low and high intensity).
 * Complex needs and secondary care have no national referral-to-treatment clock here; crisis has its own timers.
 */
export declare const TALKING_THERAPIES_STEPS: readonly string[];
export type WaitingClockKind = 'talking-therapies' | 'crisis' | 'none';
/** Which clock an episode at `step` shows. */
export declare function waitingClockKindFor(step: string): WaitingClockKind;
/**
 * Crisis timers (issue 12 item 15). Source: NHS England, "Mental health clinically-led review of standards: models
 * of care and measurement for urgent and emergency care" (2021 consultation, 2022 response): very urgent referrals to
 * community-based crisis services seen **within 4 hours** of referral. The **48-hour** rapid-response (home
 * treatment) timer is the figure the crisis resolution and home treatment pathway of this deployment uses (issue
 * 12 item 15; the clinically-led review's national "urgent" figure is 24 hours) — a local setting, flagged in the
 * hazard log for the clinical safety officer to confirm.
 */
export declare const CRISIS_TIMERS_DEFINITION: {
    readonly id: "crisis-timers/1";
    readonly assessmentHours: 4;
    readonly rapidResponseHours: 48;
    readonly source: string;
};
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
/** The Europe/London calendar date of an ISO 8601 instant with a zone. */
export declare function londonCalendarDateOf(instant: string): string;
/** Whole calendar days from one London date to another. */
export declare function calendarDaysBetween(from: string, to: string): number;
export declare function addCalendarDays(date: string, days: number): string;
/** The national wait of one referral, in London calendar days, from receipt to the first attended treatment. */
export declare function nationalWaitDays(referralReceivedAt: string, firstAttendedTreatmentAt: string): number;
/** The national status for a given number of days waited (shifted by `extraDays` for a local pause-adjusted view). */
export declare function standardStatus(referralDate: string, daysWaited: number, standardDays: number, extraDays?: number): StandardStatus;
/**
 * The national (unadjusted) clock of one referral as of `asOf`: it stops at the first attended treatment
 * appointment, or when the referral ends before any treatment (it then never enters the national figures).
 */
export declare function nationalWaitingClock(input: {
    referralReceivedAt: string;
    firstAttendedTreatmentAt: string | null;
    endedBeforeTreatmentAt: string | null;
    asOf: string;
}): NationalWaitingClock;
/** One referral as the national waiting-time figures read it. */
export interface CourseOfTreatment {
    referralReceivedAt: string;
    /** Attended treatment appointments (any order). */
    attendedTreatmentsAt: readonly string[];
    /** When the referral ended (discharge), or null while it is open. */
    endedAt: string | null;
}
/** A course finished when the referral ended having attended at least two treatment appointments. */
export declare function finishedCourse(course: CourseOfTreatment): boolean;
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
export declare function nationalWaitingShares(courses: readonly CourseOfTreatment[], from: string, to: string): NationalWaitingShares;
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
export declare function crisisTimers(input: {
    referralReceivedAt: string;
    assessedAt: string | null;
    respondedAt: string | null;
    asOf: string;
}): CrisisTimers;
