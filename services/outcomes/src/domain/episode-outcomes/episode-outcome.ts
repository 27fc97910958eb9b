import type { ProblemDescriptor } from './problem-descriptor';

/** One recorded total of a measure (PHQ-9, GAD-7, a disorder-specific measure) with when it was taken. */
export interface MeasureScore {
  readonly code: string;
  readonly total: number;
  /** ISO 8601 date or date-time the measure was completed. */
  readonly takenAt: string;
}

/** The facts of one episode (one referral) that outcomes are computed from. */
export interface EpisodeFacts {
  /** Every score recorded in the referral, in any order. */
  readonly measures: readonly MeasureScore[];
  /** Attended appointments of type treatment or assessment-and-treatment. */
  readonly attendedTreatmentAppointments: number;
  /** Whether the referral has ended (discharged). */
  readonly referralEnded: boolean;
  readonly problemDescriptor: ProblemDescriptor | null;
}

export type ChangeDirection = 'reliable-decrease' | 'reliable-increase' | 'no-reliable-change';

/**
 * Paired scores of one measure: the first and the last of the referral (the last so far while it is open).
 * Every outcome measure scores higher when the person is worse, so a reliable decrease is an improvement.
 */
export interface MeasureChange {
  readonly code: string;
  readonly first: MeasureScore;
  readonly last: MeasureScore;
  /** last − first */
  readonly change: number;
  readonly reliableChange: number;
  readonly direction: ChangeDirection;
}

/** A verdict with its reasons in words and numbers, for clinicians and for audit. */
export interface OutcomeFlag {
  readonly value: boolean;
  readonly explanation: string;
}

export interface EpisodeOutcomeFlags {
  /** The referral ended after at least the rule set's minimum of attended treatment appointments. */
  readonly finishedCourse: OutcomeFlag;
  /** First PHQ-9 or first anxiety score at or above its caseness cut-off (false also when unknown: see state). */
  readonly casenessAtStart: OutcomeFlag;
  /** At caseness at start and below caseness on both measures at the end (finished courses only). */
  readonly recovery: OutcomeFlag;
  /** A reliable decrease on at least one measure and a reliable increase on neither (finished courses only). */
  readonly reliableImprovement: OutcomeFlag;
  /** A reliable increase on either measure (finished courses only). */
  readonly reliableDeterioration: OutcomeFlag;
  /** Recovery and reliable improvement (finished courses only). */
  readonly reliableRecovery: OutcomeFlag;
  /** Neither reliable improvement nor reliable deterioration (finished courses only). */
  readonly noReliableChange: OutcomeFlag;
  /**
   * Judged on the scores so far, whether or not the referral has ended: a reliable deterioration, or the rule
   * set's number of attended treatment sessions without reliable improvement.
   */
  readonly notOnTrack: OutcomeFlag;
}

/**
 * Caseness at start has three values. `unknown` (a first score missing on a measure and no first score at
 * caseness) is not `not-at`: only `not-at` leaves the recovery denominators (shared/DOMAIN.md; NHS England
 * monthly statistics count "at caseness at start" from recorded first scores).
 */
export type CasenessAtStart = 'at' | 'not-at' | 'unknown';

export interface EpisodeOutcome {
  readonly ruleSetVersion: string;
  /** Three-valued caseness at start; absent on outcomes kept before it existed (read as the flag's value). */
  readonly casenessAtStartState?: CasenessAtStart;
  readonly depressionMeasure: string;
  /** The anxiety measure used and why it was chosen. */
  readonly anxietyMeasure: { readonly code: string; readonly reason: string };
  /** Null when the measure has fewer than two scores. */
  readonly depression: MeasureChange | null;
  readonly anxiety: MeasureChange | null;
  /** Both measures have a pair of scores. */
  readonly pairedScores: boolean;
  readonly flags: EpisodeOutcomeFlags;
}
