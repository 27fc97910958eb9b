import type { NationalStandard } from '../rule-sets/outcome-rule-set';

/**
 * What is known about the courses in a rate's denominator: how many have unknown caseness at start (kept in,
 * never counted as "not at caseness") and how many have paired scores. Shown beside every rate so that a service
 * that fails to collect measures cannot look better for it.
 */
export interface RateCompleteness {
  /** Courses in the denominator with caseness at start unknown (no first score on a measure). */
  readonly casenessUnknown: number;
  /** Courses in the denominator with a pair of scores on both measures. */
  readonly withPairedScores: number;
  /** withPairedScores / denominator as a percentage to one decimal place; null when the denominator is 0. */
  readonly pairedScorePercent: number | null;
}

/** A rate with its numerator and denominator, so a dashboard can show how it was reached. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator; null when the denominator is 0. */
  readonly rate: number | null;
  /** The rate as a percentage rounded to one decimal place (51.8); null when the denominator is 0. */
  readonly percent: number | null;
  /** The national standard beside the rate; null where none is set. */
  readonly standard: NationalStandard | null;
  /** Null when there is no standard or no denominator. */
  readonly meetsStandard: boolean | null;
  /** Unknown caseness and paired-score completeness inside the denominator (absent on completeness itself). */
  readonly completeness?: RateCompleteness;
}

/** The counts every rate is formed from; they add up across groups, rates do not. */
export interface OutcomeCounts {
  readonly episodes: number;
  readonly finishedCourses: number;
  /** Finished courses with a pair of scores on both measures. */
  readonly finishedWithPairedScores: number;
  /** Finished courses whose first scores are all below caseness (taken out of the recovery denominators). */
  readonly notAtCasenessAtStart: number;
  /** ... of which with paired scores. */
  readonly notAtCasenessWithPairedScores: number;
  /** Finished courses with caseness at start unknown: they stay in every denominator. */
  readonly casenessUnknown: number;
  readonly recovered: number;
  readonly reliablyImproved: number;
  readonly reliablyRecovered: number;
  readonly reliablyDeteriorated: number;
  readonly noReliableChange: number;
}

export interface OutcomeMetrics {
  readonly ruleSetVersion: string;
  readonly counts: OutcomeCounts;
  /** Finished courses with paired scores / finished courses. */
  readonly pairedScoreCompleteness: Rate;
  /** Recovered / (finished courses − not at caseness at start). */
  readonly recovery: Rate;
  /** Over finished courses. */
  readonly reliableImprovement: Rate;
  /**
   * Reliably recovered / (finished courses − not at caseness at start): over courses at caseness at start, like
   * recovery (NHS England monthly statistics: "54,672 were at caseness at the start, of whom 26,457 (48.4%)
   * reliably recovered").
   */
  readonly reliableRecovery: Rate;
  /** Over finished courses. */
  readonly reliableDeterioration: Rate;
  /** Over finished courses. */
  readonly noReliableChange: Rate;
}
