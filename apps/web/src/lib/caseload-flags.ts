/**
 * The treating clinician's caseload with RAG flags (issue 20): each open episode the organisation provides, with four
 * flags — risk, not on track, waiting breach, engagement review — each red, amber or green and saying why, in words,
 * and where the fact came from. Every verdict below rests on a figure a service computed under a national definition;
 * the browser only chooses the colour (hazard log H-WC1…H-WC3), never re-derives a threshold:
 *
 * - risk: outcomes' open risk alerts (raised when PHQ-9 item 9 is above 0; outcomes rule set v1);
 * - not on track: outcomes' `flags.notOnTrack` of the episode (rule set v1: a reliable deterioration, or 4 attended
 *   treatment sessions without reliable improvement; reliable change PHQ-9 6, GAD-7 4 — NHS Talking Therapies Manual);
 * - waiting: referrals' national waiting clock (NATIONAL_WAITING_TIME_DEFINITION of @stepwell/contracts: the NHS
 *   Talking Therapies 6- and 18-week referral-to-first-treatment standard, 42 and 126 London calendar days,
 *   unadjusted for pauses) and, for crisis episodes, its crisis timers (CRISIS_TIMERS_DEFINITION: 4 and 48 hours);
 * - engagement review: the episode's review flags, raised by scheduling after consecutive missed appointments with
 *   no contact (DNAS_BEFORE_REVIEW = 2 of services/scheduling, engagement.decider.ts).
 */

export type Rag = 'red' | 'amber' | 'green' | 'none';
export type FlagKind = 'risk' | 'not-on-track' | 'waiting' | 'engagement';

export interface CaseloadFlag {
  kind: FlagKind;
  rag: Rag;
  /** Why it is this colour, in words. */
  why: string;
  /** Which service (and record) it comes from. */
  source: string;
}

interface StandardStatus {
  lastDayWithinStandard: string;
  breachDate: string;
  breached: boolean;
}
interface CrisisTimer {
  dueAt: string;
  metAt: string | null;
  breached: boolean;
}

/** The fields of referrals' EpisodeView (`GET /episodes`) the caseload reads. */
export interface CaseloadEpisode {
  id: string;
  patientSubjectId: string;
  status: string;
  step: string;
  providingOrganisationId: string;
  reviewFlags: Array<{ reviewId: string; reason: string; missedAppointments: number | null; organisationId: string; at: string }>;
  waitingClockKind: 'talking-therapies' | 'crisis' | 'none';
  waitingClock: {
    running: boolean;
    stoppedBy: 'first-attended-treatment-appointment' | 'ended-before-treatment' | null;
    daysWaited: number;
    sixWeeks: StandardStatus;
    eighteenWeeks: StandardStatus;
  } | null;
  crisisTimers: { assessment: CrisisTimer; rapidResponse: CrisisTimer } | null;
}

/** The fields of outcomes' RiskAlertView (`GET /risk-alerts`) the caseload reads. */
export interface CaseloadRiskAlert {
  id: string;
  episodeId: string;
  patientSubjectId: string;
  signal: string;
  urgency: string;
  status: string;
  raisedAt: string;
  escalatedAt: string | null;
}

interface MeasureChange {
  code: string;
  direction: 'reliable-decrease' | 'reliable-increase' | 'no-reliable-change';
}

/** The fields of outcomes' EpisodeOutcomeView (`GET /episodes/{id}/outcomes`) the caseload reads. */
export interface CaseloadOutcome {
  ruleSetVersion: string;
  basis: 'recorded' | 'provisional';
  outcome: {
    depression: MeasureChange | null;
    anxiety: MeasureChange | null;
    flags: { notOnTrack: { value: boolean; explanation: string } };
  };
}

export interface CaseloadRow {
  episode: CaseloadEpisode;
  /** risk, not on track, waiting, engagement — always in that order. */
  flags: CaseloadFlag[];
  /** The worst of the flags. */
  rag: Rag;
  /** National days waited (or waited before the first treatment), null where no national clock applies. */
  daysWaited: number | null;
}

const RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2, none: 3 };

const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
/** An instant as a Europe/London date (e.g. "3 Dec 2026"). */
export const londonDay = (instant: string): string => LONDON_DAY.format(new Date(instant));
/** A calendar date (YYYY-MM-DD, already a London date) in words. */
const calendarDay = (date: string): string => LONDON_DAY.format(new Date(`${date}T12:00:00Z`));
const londonTime = (instant: string): string => LONDON_TIME.format(new Date(instant));

const SIGNALS: Record<string, string> = { 'thoughts-of-self-harm': 'thoughts of self-harm (PHQ-9 item 9 above 0)' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Risk: red while any alert for this episode is open (urgent or high: both need a clinician now); green otherwise. */
export function riskFlag(alerts: readonly CaseloadRiskAlert[]): CaseloadFlag {
  const source = 'Outcomes: risk alerts';
  const open = alerts.filter((a) => a.status === 'open').sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  const first = open[0];
  if (!first) return { kind: 'risk', rag: 'green', why: 'No open risk alert', source };
  const urgent = open.some((a) => a.urgency === 'urgent');
  const escalated = open.some((a) => a.escalatedAt !== null);
  return {
    kind: 'risk',
    rag: 'red',
    why:
      `${open.length === 1 ? `${urgent ? 'Urgent' : 'High'} risk alert` : `${open.length} risk alerts${urgent ? ' (urgent)' : ''}`} open since ${londonDay(first.raisedAt)}: ` +
      `${SIGNALS[first.signal] ?? first.signal}${escalated ? '; escalated' : ''}`,
    source,
  };
}

/** An episode's outcome flags as read: outcomes' answer, no such episode there (404), or no answer. */
export type OutcomeRead = CaseloadOutcome | 'not-known' | 'no-answer';

/**
 * Not on track, as outcomes judges it (rule set's `notOnTrack`, its explanation quoted): red for a reliable
 * deterioration on either measure, amber for sessions without reliable improvement, green when on track; no colour
 * when outcomes has no record of the episode (yet) or did not answer — never green for want of an answer.
 */
export function notOnTrackFlag(outcome: OutcomeRead): CaseloadFlag {
  if (outcome === 'not-known') return { kind: 'not-on-track', rag: 'none', why: 'No scores: outcomes holds no record of this episode yet', source: 'Outcomes' };
  if (outcome === 'no-answer') return { kind: 'not-on-track', rag: 'none', why: 'Not known: the outcomes service did not answer', source: 'Outcomes' };
  const { notOnTrack } = outcome.outcome.flags;
  const source = `Outcomes: episode outcome flags (rule set ${outcome.ruleSetVersion}, ${outcome.basis})`;
  const why = notOnTrack.explanation.charAt(0).toUpperCase() + notOnTrack.explanation.slice(1);
  if (!notOnTrack.value) return { kind: 'not-on-track', rag: 'green', why, source };
  const deteriorated = [outcome.outcome.depression, outcome.outcome.anxiety].some((change) => change?.direction === 'reliable-increase');
  return { kind: 'not-on-track', rag: deteriorated ? 'red' : 'amber', why, source };
}

/**
 * Waiting: the national clock as referrals computed it. Still waiting for a first treatment: red past the 18-week
 * standard, amber past the 6-week one, green within it. Once treatment began the wait is over: green, saying how long
 * it was. Crisis episodes: red for a timer breached and not met, amber while one runs, green once both are met.
 */
export function waitingFlag(episode: CaseloadEpisode): CaseloadFlag {
  const clock = episode.waitingClock;
  if (episode.waitingClockKind === 'talking-therapies' && clock) {
    const source = 'Referrals: national waiting clock (NHS Talking Therapies 6- and 18-week standard)';
    const waited = `${plural(clock.daysWaited, 'day')} (${plural(Math.floor(clock.daysWaited / 7), 'week')})`;
    if (!clock.running) {
      const over = clock.eighteenWeeks.breached ? ', over the 18-week standard' : clock.sixWeeks.breached ? ', over the 6-week standard' : ', within the 6-week standard';
      const how = clock.stoppedBy === 'first-attended-treatment-appointment' ? 'First treatment after' : 'Ended before treatment after';
      return { kind: 'waiting', rag: 'green', why: `${how} ${waited}${over}: no longer waiting`, source };
    }
    if (clock.eighteenWeeks.breached) {
      return { kind: 'waiting', rag: 'red', why: `Waited ${waited}: over the 18-week standard since ${calendarDay(clock.eighteenWeeks.breachDate)}`, source };
    }
    if (clock.sixWeeks.breached) {
      return {
        kind: 'waiting',
        rag: 'amber',
        why: `Waited ${waited}: over the 6-week standard since ${calendarDay(clock.sixWeeks.breachDate)}; 18-week breach on ${calendarDay(clock.eighteenWeeks.breachDate)}`,
        source,
      };
    }
    return { kind: 'waiting', rag: 'green', why: `Waited ${waited}: within the 6-week standard (breach on ${calendarDay(clock.sixWeeks.breachDate)})`, source };
  }
  if (episode.waitingClockKind === 'crisis' && episode.crisisTimers) {
    const source = 'Referrals: crisis timers (4-hour assessment, 48-hour rapid response)';
    const timers = [
      { name: '4-hour assessment', timer: episode.crisisTimers.assessment },
      { name: '48-hour rapid response', timer: episode.crisisTimers.rapidResponse },
    ];
    const missed = timers.find((t) => t.timer.metAt === null && t.timer.breached);
    if (missed) return { kind: 'waiting', rag: 'red', why: `${missed.name} missed: was due ${londonTime(missed.timer.dueAt)}`, source };
    const running = timers.find((t) => t.timer.metAt === null);
    if (running) return { kind: 'waiting', rag: 'amber', why: `${running.name} running: due ${londonTime(running.timer.dueAt)}`, source };
    return { kind: 'waiting', rag: 'green', why: 'Crisis timers met', source };
  }
  return { kind: 'waiting', rag: 'none', why: 'No national waiting standard at this step', source: 'Referrals: waiting clock' };
}

/**
 * Engagement review: amber once scheduling has flagged the episode for clinical review after consecutive missed
 * appointments (the latest flag quoted); green with none. A review flag is never a discharge, and no service yet
 * records that the review took place, so the flag stays amber for the rest of the episode (hazard log H-WC3).
 */
export function engagementFlag(episode: CaseloadEpisode): CaseloadFlag {
  const source = 'Scheduling: missed-appointment policy (review flag on the episode)';
  const latest = [...episode.reviewFlags].sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!latest) return { kind: 'engagement', rag: 'green', why: 'No review for missed appointments raised', source };
  const missed = latest.missedAppointments === null ? 'missed appointments' : `${plural(latest.missedAppointments, 'consecutive missed appointment')} (DNAs)`;
  return { kind: 'engagement', rag: 'amber', why: `Clinical review needed after ${missed}: flagged ${londonDay(latest.at)}`, source };
}

export const worstOf = (flags: readonly CaseloadFlag[]): Rag => flags.reduce<Rag>((worst, f) => (RANK[f.rag] < RANK[worst] ? f.rag : worst), 'none');

/** One row: the episode's four flags, in a fixed order, and the worst of them. */
export function caseloadRow(episode: CaseloadEpisode, alerts: readonly CaseloadRiskAlert[], outcome: OutcomeRead): CaseloadRow {
  const flags = [riskFlag(alerts.filter((a) => a.episodeId === episode.id)), notOnTrackFlag(outcome), waitingFlag(episode), engagementFlag(episode)];
  return { episode, flags, rag: worstOf(flags), daysWaited: episode.waitingClock?.daysWaited ?? null };
}

/** Red first, then amber, then the longest wait (no national clock last), then the episode id for a stable order. */
export function orderCaseload(rows: readonly CaseloadRow[]): CaseloadRow[] {
  const attention = (rag: Rag) => (rag === 'red' ? 0 : rag === 'amber' ? 1 : 2);
  return [...rows].sort(
    (a, b) => attention(a.rag) - attention(b.rag) || (b.daysWaited ?? -1) - (a.daysWaited ?? -1) || a.episode.id.localeCompare(b.episode.id),
  );
}

export const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', none: 'No flag' };
export const FLAG_WORDS: Record<FlagKind, string> = { risk: 'Risk', 'not-on-track': 'Not on track', waiting: 'Waiting', engagement: 'Engagement review' };
/** The design system's tag colour for each RAG value (the text label always goes with it: never colour alone). */
export const RAG_TAG: Record<Rag, string> = { red: 'nhsuk-tag--red', amber: 'nhsuk-tag--orange', green: 'nhsuk-tag--green', none: 'nhsuk-tag--grey' };
