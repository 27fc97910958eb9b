"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CRISIS_TIMERS_DEFINITION = exports.TALKING_THERAPIES_STEPS = exports.NATIONAL_WAITING_TIME_DEFINITION = void 0;
exports.waitingClockKindFor = waitingClockKindFor;
exports.londonCalendarDateOf = londonCalendarDateOf;
exports.calendarDaysBetween = calendarDaysBetween;
exports.addCalendarDays = addCalendarDays;
exports.nationalWaitDays = nationalWaitDays;
exports.standardStatus = standardStatus;
exports.nationalWaitingClock = nationalWaitingClock;
exports.finishedCourse = finishedCourse;
exports.nationalWaitingShares = nationalWaitingShares;
exports.crisisTimers = crisisTimers;
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
exports.NATIONAL_WAITING_TIME_DEFINITION = {
    id: 'nhs-talking-therapies-referral-to-first-treatment/1',
    sixWeeksDays: 42,
    eighteenWeeksDays: 126,
    /** National expectations of the shares (not per-person targets). */
    expectedShare: { sixWeeks: 0.75, eighteenWeeks: 0.95 },
    /** Attended treatment appointments that make a course "finished" when the referral ends. */
    finishedCourseMinimumTreatments: 2,
    source: 'NHS England, Achieving Better Access to Mental Health Services by 2020 (2014) and NHS Talking Therapies Manual v7 (2024): ' +
        '75% begin treatment within 6 weeks and 95% within 18 weeks of referral, measured over referrals that finished a course of treatment; ' +
        'NHS Talking Therapies Monthly Statistics (NHS England), waiting-time measures for finished courses.',
};
/**
 * The stepped-care steps the 6/18-week standard applies to: NHS Talking Therapies (low and high intensity).
 * Complex needs and secondary care have no national referral-to-treatment clock here; crisis has its own timers.
 */
exports.TALKING_THERAPIES_STEPS = ['step-2', 'step-3'];
/** Which clock an episode at `step` shows. */
function waitingClockKindFor(step) {
    if (exports.TALKING_THERAPIES_STEPS.includes(step))
        return 'talking-therapies';
    if (step === 'crisis')
        return 'crisis';
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
exports.CRISIS_TIMERS_DEFINITION = {
    id: 'crisis-timers/1',
    assessmentHours: 4,
    rapidResponseHours: 48,
    source: 'NHS England, Mental health clinically-led review of standards (2021/2022): very urgent crisis referrals seen within 4 hours; ' +
        '48-hour rapid response: local crisis resolution and home treatment standard (see hazard log H-W4).',
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The Europe/London calendar date of an ISO 8601 instant with a zone. */
function londonCalendarDateOf(instant) {
    if (!INSTANT.test(instant) || Number.isNaN(Date.parse(instant)))
        throw new RangeError(`Not an ISO 8601 instant with a zone: ${instant}`);
    const parts = LONDON_DATE.formatToParts(Date.parse(instant));
    const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
}
const utcMidnight = (date) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match)
        throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};
/** Whole calendar days from one London date to another. */
function calendarDaysBetween(from, to) {
    return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}
function addCalendarDays(date, days) {
    return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}
/** The national wait of one referral, in London calendar days, from receipt to the first attended treatment. */
function nationalWaitDays(referralReceivedAt, firstAttendedTreatmentAt) {
    return Math.max(0, calendarDaysBetween(londonCalendarDateOf(referralReceivedAt), londonCalendarDateOf(firstAttendedTreatmentAt)));
}
/** The national status for a given number of days waited (shifted by `extraDays` for a local pause-adjusted view). */
function standardStatus(referralDate, daysWaited, standardDays, extraDays = 0) {
    const lastDayWithinStandard = addCalendarDays(referralDate, standardDays + extraDays);
    return { lastDayWithinStandard, breachDate: addCalendarDays(lastDayWithinStandard, 1), breached: daysWaited > standardDays };
}
/**
 * The national (unadjusted) clock of one referral as of `asOf`: it stops at the first attended treatment
 * appointment, or when the referral ends before any treatment (it then never enters the national figures).
 */
function nationalWaitingClock(input) {
    const referralDate = londonCalendarDateOf(input.referralReceivedAt);
    let stoppedBy = null;
    let countedTo;
    if (input.firstAttendedTreatmentAt !== null) {
        stoppedBy = 'first-attended-treatment-appointment';
        countedTo = londonCalendarDateOf(input.firstAttendedTreatmentAt);
    }
    else if (input.endedBeforeTreatmentAt !== null) {
        stoppedBy = 'ended-before-treatment';
        countedTo = londonCalendarDateOf(input.endedBeforeTreatmentAt);
    }
    else {
        countedTo = londonCalendarDateOf(input.asOf);
    }
    if (countedTo < referralDate)
        countedTo = referralDate;
    const daysWaited = calendarDaysBetween(referralDate, countedTo);
    return {
        definition: exports.NATIONAL_WAITING_TIME_DEFINITION.id,
        referralDate,
        running: stoppedBy === null,
        stoppedBy,
        countedTo,
        daysWaited,
        sixWeeks: standardStatus(referralDate, daysWaited, exports.NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays),
        eighteenWeeks: standardStatus(referralDate, daysWaited, exports.NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays),
    };
}
/** A course finished when the referral ended having attended at least two treatment appointments. */
function finishedCourse(course) {
    return course.endedAt !== null && course.attendedTreatmentsAt.length >= exports.NATIONAL_WAITING_TIME_DEFINITION.finishedCourseMinimumTreatments;
}
/** The national KPI: of the referrals that finished a course in `[from, to)`, the share whose wait was ≤ 6 / ≤ 18 weeks. */
function nationalWaitingShares(courses, from, to) {
    const start = Date.parse(from);
    const end = Date.parse(to);
    const waits = [];
    for (const course of courses) {
        if (!finishedCourse(course))
            continue;
        const endedAt = Date.parse(course.endedAt);
        if (!(endedAt >= start && endedAt < end))
            continue;
        const first = [...course.attendedTreatmentsAt].sort((a, b) => Date.parse(a) - Date.parse(b))[0];
        waits.push(nationalWaitDays(course.referralReceivedAt, first));
    }
    const share = (limit) => (waits.length === 0 ? null : waits.filter((days) => days <= limit).length / waits.length);
    return {
        definition: exports.NATIONAL_WAITING_TIME_DEFINITION.id,
        finishedCourses: waits.length,
        shareWithin6Weeks: share(exports.NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays),
        shareWithin18Weeks: share(exports.NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays),
        expectedShareWithin6Weeks: exports.NATIONAL_WAITING_TIME_DEFINITION.expectedShare.sixWeeks,
        expectedShareWithin18Weeks: exports.NATIONAL_WAITING_TIME_DEFINITION.expectedShare.eighteenWeeks,
    };
}
/** The crisis timers of a crisis episode as of `asOf`, in elapsed hours from referral (not calendar days). */
function crisisTimers(input) {
    const received = Date.parse(input.referralReceivedAt);
    const now = Date.parse(input.asOf);
    const timer = (hours, metAt) => {
        const due = received + hours * HOUR_MS;
        const met = metAt === null ? null : Date.parse(metAt);
        return { dueAt: new Date(due).toISOString(), metAt, breached: met === null ? now > due : met > due };
    };
    return {
        definition: exports.CRISIS_TIMERS_DEFINITION.id,
        assessment: timer(exports.CRISIS_TIMERS_DEFINITION.assessmentHours, input.assessedAt),
        rapidResponse: timer(exports.CRISIS_TIMERS_DEFINITION.rapidResponseHours, input.respondedAt),
    };
}
//# sourceMappingURL=national-waiting-times.js.map