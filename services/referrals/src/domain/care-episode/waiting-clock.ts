import { NATIONAL_WAITING_TIME_DEFINITION } from '@stepwell/contracts';
import type { OpenedEpisodeState } from './care-episode.state';
import { addDays, daysBetween, laterDate, londonDateOf, type LocalDate } from './london-date';

/**
 * The NHS Talking Therapies waiting-time standards (6 weeks = 42 days, 18 weeks = 126 days), from the one shared
 * definition in `@stepwell/contracts` (`NATIONAL_WAITING_TIME_DEFINITION`, which cites its source). This file is
 * the **local, pause-adjusted** view of that clock: the national headline is unadjusted (`nationalWaitingClock`).
 */
export const WAITING_STANDARDS = {
  sixWeeks: NATIONAL_WAITING_TIME_DEFINITION.sixWeeksDays,
  eighteenWeeks: NATIONAL_WAITING_TIME_DEFINITION.eighteenWeeksDays,
} as const;

/**
 * The version of the waiting-time rules this code applies. Clinical rules are versioned so that a change of rule
 * can be replayed over history: a new rule gets a new version beside this one, never an edit in place.
 */
export const WAITING_CLOCK_RULES_VERSION = 'talking-therapies-waiting-times/1';

export interface WaitingStandardStatus {
  /** The last London date on which a first treatment appointment still meets the standard (moved later by pauses). */
  lastDayWithinStandard: LocalDate;
  /** The first London date on which the standard is missed: the breach date (moved later by pauses). */
  breachDate: LocalDate;
  /** The wait (so far, while the clock runs) is longer than the standard allows. */
  breached: boolean;
}

export interface WaitingClock {
  /** Which rules produced these figures. */
  rulesVersion: typeof WAITING_CLOCK_RULES_VERSION;
  /** London date the referral was received: day 0. */
  referralDate: LocalDate;
  /** The clock runs until the first treatment appointment (or a discharge before any treatment). */
  running: boolean;
  stoppedBy: 'first-treatment-appointment' | 'discharged-before-treatment' | null;
  /** The London date the count runs to: the stop date, or `asOf` while the clock runs. */
  countedTo: LocalDate;
  /** Calendar days from referral to `countedTo`, minus paused days. */
  daysWaited: number;
  /** Days the person was unavailable, within the counted period (an open pause counts up to `countedTo`). */
  pausedDays: number;
  sixWeeks: WaitingStandardStatus;
  eighteenWeeks: WaitingStandardStatus;
}

/**
 * The waiting clock of an episode as of an instant. Pure: the state comes from the episode's events and `asOf`
 * from the caller (the decider and this function never read a clock). All counting is in London calendar days, so
 * clock changes never add or lose a day. `asOf` only matters while the clock runs; a stopped clock is final.
 *
 * A pause counts the days from its start date to its end date (a pause from 1 to 15 August counts 14 days), cut to
 * the counted period; a pause still open counts up to `countedTo`, so while it lasts the breach dates keep moving.
 */
export function computeWaitingClock(state: OpenedEpisodeState, asOf: string): WaitingClock {
  const referralDate = londonDateOf(state.referralReceivedAt);
  const appointment = state.firstTreatmentAppointment;
  let stoppedBy: WaitingClock['stoppedBy'] = null;
  let countedTo: LocalDate;
  if (appointment) {
    stoppedBy = 'first-treatment-appointment';
    countedTo = londonDateOf(appointment.at);
  } else if (state.status === 'Discharged') {
    stoppedBy = 'discharged-before-treatment';
    countedTo = londonDateOf(state.discharge.at);
  } else {
    countedTo = londonDateOf(asOf);
  }
  // Never count backwards: an `asOf` before the referral is day 0.
  countedTo = laterDate(countedTo, referralDate);

  let pausedDays = 0;
  for (const pause of state.pauses) {
    const from = laterDate(londonDateOf(pause.from), referralDate);
    const to = pause.to === null ? countedTo : londonDateOf(pause.to);
    const end = to < countedTo ? to : countedTo;
    pausedDays += Math.max(0, daysBetween(from, end));
  }
  const daysWaited = daysBetween(referralDate, countedTo) - pausedDays;

  const standard = (days: number): WaitingStandardStatus => {
    const lastDayWithinStandard = addDays(referralDate, days + pausedDays);
    return { lastDayWithinStandard, breachDate: addDays(lastDayWithinStandard, 1), breached: daysWaited > days };
  };
  return {
    rulesVersion: WAITING_CLOCK_RULES_VERSION,
    referralDate,
    running: stoppedBy === null,
    stoppedBy,
    countedTo,
    daysWaited,
    pausedDays,
    sixWeeks: standard(WAITING_STANDARDS.sixWeeks),
    eighteenWeeks: standard(WAITING_STANDARDS.eighteenWeeks),
  };
}
