/**
 * A versioned set of the rules that turn scores into outcome flags. Results always name the rule set they were
 * computed under; a new set is added beside the old ones (never edited in place) and can be applied to all
 * history, because outcomes are a pure function of the recorded facts and the rule set.
 */

/** Anxiety disorders a problem descriptor can name, each of which has its own outcome measure. */
export type AnxietyDisorder =
  | 'social-anxiety-disorder'
  | 'panic-disorder'
  | 'agoraphobia'
  | 'obsessive-compulsive-disorder'
  | 'post-traumatic-stress-disorder'
  | 'health-anxiety'
  | 'generalised-anxiety-disorder';

/** Thresholds for one measure used in outcome flags. Every such measure scores higher when the person is worse. */
export interface MeasureThresholds {
  /** At caseness when the total is at or above this (≥). */
  readonly caseness: number;
  /** A change of at least this many points is reliable (≥). */
  readonly reliableChange: number;
}

export interface NationalStandard {
  /** The rate a service should reach, as a fraction (0.5 = 50%). */
  readonly atLeast: number;
  readonly source: string;
  /** The period the standard is set for, where the source gives one (planning years). */
  readonly period?: string;
}

export interface OutcomeRuleSet {
  readonly version: string;
  /** ISO date (YYYY-MM-DD) from which the set is in force for episodes ending on or after it. */
  readonly effectiveFrom: string;
  readonly description: string;
  readonly sources: readonly string[];
  /** The depression measure of every episode. */
  readonly depressionMeasure: string;
  /** The anxiety measure when no disorder-specific measure applies. */
  readonly defaultAnxietyMeasure: string;
  /**
   * Thresholds per measure code. A disorder-specific measure is used only if it has thresholds here; a measure
   * with none falls back to the default anxiety measure (and the explanation says so).
   */
  readonly measures: Readonly<Record<string, MeasureThresholds>>;
  /** The disorder-specific measure for each anxiety disorder. */
  readonly anxietyDisorderMeasures: Readonly<Record<AnxietyDisorder, string>>;
  /** Finished a course of treatment: referral ended after at least this many attended treatment appointments. */
  readonly minimumAttendedTreatmentAppointments: number;
  /** Not on track: this many attended treatment sessions without reliable improvement. */
  readonly notOnTrackAfterSessions: number;
  /** National standards beside each service rate; null where no standard is set (or not yet confirmed). */
  readonly standards: {
    readonly recovery: NationalStandard | null;
    readonly reliableImprovement: NationalStandard | null;
    readonly reliableRecovery: NationalStandard | null;
  };
}
