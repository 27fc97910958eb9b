import { NATIONAL_WAITING_TIME_DEFINITION, nationalWaitDays, type NationalWaitingShares, SUPPRESS_BELOW, suppressedCount, suppressedFigure } from '@stepwell/contracts';
import { daysBetweenLocalDates, instantMs, londonDateOf, londonDaysBefore, type Instant } from '../time/europe-london';
import { TREATMENT_PURPOSES, type AppointmentPurpose } from '../vocabulary';
import { median, percentile, shareAtMost } from './wait-statistics';

/**
 * 6 weeks (42 days) and 18 weeks (126 days), from the one shared national definition in `@stepwell/contracts`
 * (`NATIONAL_WAITING_TIME_DEFINITION`, with its source). The national KPI itself is `nationalWaitingShares` there.
 */
export const SIX_WEEKS_DAYS = NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays;
export const EIGHTEEN_WEEKS_DAYS = NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays;
/** The hidden wait to watch: in 2019 one person in six waited more than 90 days for a second treatment. */
export const LONG_SECOND_WAIT_DAYS = 90;

/** One referral as the waits read model holds it: when it came, and its attended appointments. */
export interface ReferralJourney {
  referralId: string;
  referredAt: Instant;
  /** Attended appointments (individual or group), in any order. Missed and cancelled ones do not end a wait. */
  attended: readonly { startsAt: Instant; purpose: AppointmentPurpose }[];
}

export interface WaitSummary {
  /** Waits that ended inside the window. */
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface WaitsWindow {
  from: Instant;
  to: Instant;
  referralToFirstAppointment: WaitSummary;
  referralToFirstTreatment: WaitSummary & {
    /**
     * Local, NOT the national KPI: of the treatments **started** in the window, the share that started within 6 and
     * 18 weeks of referral. The national measure counts referrals that **finished a course** (`nationalWaitingShares`).
     */
    shareOfStartsWithin6Weeks: number | null;
    shareOfStartsWithin18Weeks: number | null;
  };
  firstToSecondTreatment: WaitSummary & { shareOver90Days: number | null };
}

export interface HiddenWaits {
  asOf: Instant;
  last28Days: WaitsWindow;
  last90Days: WaitsWindow;
}

/**
 * Waits whose end (the appointment that ended it) falls in `[from, to)`, in whole Europe/London calendar days
 * from referral (or first treatment) to that appointment. "Treatment" is `treatment` or
 * `assessment-and-treatment`. Pauses (patient unavailable) are not deducted: the dataset's pause rules are
 * still to be modelled.
 */
export function waitsBetween(journeys: readonly ReferralJourney[], from: Instant, to: Instant): WaitsWindow {
  const start = instantMs(from, 'from');
  const end = instantMs(to, 'to');
  const inWindow = (at: Instant) => instantMs(at) >= start && instantMs(at) < end;
  const days = (a: Instant, b: Instant) => daysBetweenLocalDates(londonDateOf(a), londonDateOf(b));

  const toFirst: number[] = [];
  const toTreatment: number[] = [];
  const firstToSecond: number[] = [];
  for (const journey of journeys) {
    const referred = instantMs(journey.referredAt, 'referredAt');
    // An appointment before the referral belongs to another story (a data error or an earlier referral).
    const attended = journey.attended
      .filter((a) => instantMs(a.startsAt, 'startsAt') >= referred)
      .sort((a, b) => instantMs(a.startsAt) - instantMs(b.startsAt));
    const first = attended[0];
    if (first && inWindow(first.startsAt)) toFirst.push(days(journey.referredAt, first.startsAt));
    const treatments = attended.filter((a) => TREATMENT_PURPOSES.includes(a.purpose));
    const [firstTreatment, secondTreatment] = treatments;
    // The national definition of the wait (referral received → first attended treatment, London days).
    if (firstTreatment && inWindow(firstTreatment.startsAt)) toTreatment.push(nationalWaitDays(journey.referredAt, firstTreatment.startsAt));
    if (firstTreatment && secondTreatment && inWindow(secondTreatment.startsAt)) {
      firstToSecond.push(days(firstTreatment.startsAt, secondTreatment.startsAt));
    }
  }

  return {
    from,
    to,
    referralToFirstAppointment: summary(toFirst),
    referralToFirstTreatment: {
      ...summary(toTreatment),
      shareOfStartsWithin6Weeks: shareAtMost(toTreatment, SIX_WEEKS_DAYS),
      shareOfStartsWithin18Weeks: shareAtMost(toTreatment, EIGHTEEN_WEEKS_DAYS),
    },
    firstToSecondTreatment: {
      ...summary(firstToSecond),
      shareOver90Days: firstToSecond.length ? firstToSecond.filter((d) => d > LONG_SECOND_WAIT_DAYS).length / firstToSecond.length : null,
    },
  };
}

/** The hidden-waits dashboard: the same measures over the 28 and the 90 days before `asOf`. */
export function hiddenWaits(journeys: readonly ReferralJourney[], asOf: Instant): HiddenWaits {
  instantMs(asOf, 'asOf'); // refuses a malformed asOf, naming it
  return {
    asOf,
    last28Days: waitsBetween(journeys, londonDaysBefore(asOf, 28), asOf),
    last90Days: waitsBetween(journeys, londonDaysBefore(asOf, 90), asOf),
  };
}

function summary(days: readonly number[]): WaitSummary {
  return { count: days.length, medianDays: median(days), p90Days: percentile(days, 90) };
}

/** A wait summary as published: the count and the figures computed from it may be suppressed (null). */
export interface PublishedWaitSummary {
  count: number | null;
  medianDays: number | null;
  p90Days: number | null;
}

export interface PublishedWaitsWindow {
  from: Instant;
  to: Instant;
  referralToFirstAppointment: PublishedWaitSummary;
  referralToFirstTreatment: PublishedWaitSummary & { shareOfStartsWithin6Weeks: number | null; shareOfStartsWithin18Weeks: number | null };
  firstToSecondTreatment: PublishedWaitSummary & { shareOver90Days: number | null };
}

export type PublishedNationalShares = Omit<NationalWaitingShares, 'finishedCourses'> & { finishedCourses: number | null };

/** What `GET /metrics/waits` says about its suppression, so that a reader can word it ("fewer than 5"). */
export const WAITS_SUPPRESSION = {
  threshold: SUPPRESS_BELOW,
  rule:
    'Counts from 1 to 4 are null, and so is every median, 90th percentile and share computed from fewer than 5 waits, ' +
    'or whose count of people (or of the rest) is from 1 to 4 (NHS England Talking Therapies statistics suppress counts under 5; hazard H-RV2).',
} as const;

/**
 * A share of `base` waits, published only when the base is at least the threshold and neither the people it counts
 * (share × base) nor the rest are from 1 to 4: "5 of 6 began within 6 weeks" names the one who did not as surely as
 * a count of 1 would.
 */
function publishedShare(base: number, share: number | null): number | null {
  if (share === null) return null;
  const people = Math.round(share * base);
  const disclosive = suppressedCount(people) === null || suppressedCount(base - people) === null;
  return suppressedFigure(base, disclosive ? null : share);
}

const publishedSummary = (summary: WaitSummary): PublishedWaitSummary => ({
  count: suppressedCount(summary.count),
  medianDays: suppressedFigure(summary.count, summary.medianDays),
  p90Days: suppressedFigure(summary.count, summary.p90Days),
});

/**
 * Small-number suppression of a window of waits before it leaves the service (the one rule, `suppressedCount` /
 * `suppressedFigure` of `@stepwell/contracts`, as consultations' metrics): a commissioner or a small provider must not
 * be able to pick out the one or two people whose wait ended in a period.
 */
export function publishedWaitsWindow(window: WaitsWindow): PublishedWaitsWindow {
  const treatment = window.referralToFirstTreatment;
  const second = window.firstToSecondTreatment;
  return {
    from: window.from,
    to: window.to,
    referralToFirstAppointment: publishedSummary(window.referralToFirstAppointment),
    referralToFirstTreatment: {
      ...publishedSummary(treatment),
      shareOfStartsWithin6Weeks: publishedShare(treatment.count, treatment.shareOfStartsWithin6Weeks),
      shareOfStartsWithin18Weeks: publishedShare(treatment.count, treatment.shareOfStartsWithin18Weeks),
    },
    firstToSecondTreatment: { ...publishedSummary(second), shareOver90Days: publishedShare(second.count, second.shareOver90Days) },
  };
}

/** The national KPI under the same rule: the finished courses counted, and the two shares of them. */
export function publishedNationalShares(shares: NationalWaitingShares): PublishedNationalShares {
  return {
    ...shares,
    finishedCourses: suppressedCount(shares.finishedCourses),
    shareWithin6Weeks: publishedShare(shares.finishedCourses, shares.shareWithin6Weeks),
    shareWithin18Weeks: publishedShare(shares.finishedCourses, shares.shareWithin18Weeks),
  };
}
