import type { NationalStandard } from '../rule-sets/outcome-rule-set';

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
}

/** The counts every rate is formed from; they add up across groups, rates do not. */
export interface OutcomeCounts {
  readonly episodes: number;
  readonly finishedCourses: number;
  /** Finished courses with a pair of scores on both measures. */
  readonly finishedWithPairedScores: number;
  /** Finished courses not at caseness at start (taken out of the recovery denominator). */
  readonly notAtCasenessAtStart: number;
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
  readonly reliableRecovery: Rate;
  readonly reliableDeterioration: Rate;
  readonly noReliableChange: Rate;
}
