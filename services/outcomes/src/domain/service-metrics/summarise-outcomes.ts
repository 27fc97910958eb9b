import type { EpisodeOutcome } from '../episode-outcomes/episode-outcome';
import { OutcomesDomainError } from '../outcomes-domain.error';
import type { NationalStandard, OutcomeRuleSet } from '../rule-sets/outcome-rule-set';
import type { OutcomeCounts, OutcomeMetrics, Rate } from './outcome-metrics';

export const emptyCounts: OutcomeCounts = {
  episodes: 0,
  finishedCourses: 0,
  finishedWithPairedScores: 0,
  notAtCasenessAtStart: 0,
  recovered: 0,
  reliablyImproved: 0,
  reliablyRecovered: 0,
  reliablyDeteriorated: 0,
  noReliableChange: 0,
};

/** Adds one episode's outcome to the counts. Only finished courses count towards any rate. */
export function countOutcome(counts: OutcomeCounts, outcome: EpisodeOutcome): OutcomeCounts {
  const flags = outcome.flags;
  const finished = flags.finishedCourse.value;
  const add = (condition: boolean) => (finished && condition ? 1 : 0);
  return {
    episodes: counts.episodes + 1,
    finishedCourses: counts.finishedCourses + add(true),
    finishedWithPairedScores: counts.finishedWithPairedScores + add(outcome.pairedScores),
    notAtCasenessAtStart: counts.notAtCasenessAtStart + add(!flags.casenessAtStart.value),
    recovered: counts.recovered + add(flags.recovery.value),
    reliablyImproved: counts.reliablyImproved + add(flags.reliableImprovement.value),
    reliablyRecovered: counts.reliablyRecovered + add(flags.reliableRecovery.value),
    reliablyDeteriorated: counts.reliablyDeteriorated + add(flags.reliableDeterioration.value),
    noReliableChange: counts.noReliableChange + add(flags.noReliableChange.value),
  };
}

export function rate(numerator: number, denominator: number, standard: NationalStandard | null = null): Rate {
  const value = denominator > 0 ? numerator / denominator : null;
  return {
    numerator,
    denominator,
    rate: value,
    percent: value === null ? null : Math.round(value * 1000) / 10,
    standard,
    meetsStandard: value === null || standard === null ? null : value >= standard.atLeast,
  };
}

/** The service rates from counts, with the rule set's national standard beside each. */
export function outcomeRates(counts: OutcomeCounts, ruleSet: OutcomeRuleSet): OutcomeMetrics {
  const finished = counts.finishedCourses;
  return {
    ruleSetVersion: ruleSet.version,
    counts,
    pairedScoreCompleteness: rate(counts.finishedWithPairedScores, finished),
    recovery: rate(counts.recovered, finished - counts.notAtCasenessAtStart, ruleSet.standards.recovery),
    reliableImprovement: rate(counts.reliablyImproved, finished, ruleSet.standards.reliableImprovement),
    reliableRecovery: rate(counts.reliablyRecovered, finished, ruleSet.standards.reliableRecovery),
    reliableDeterioration: rate(counts.reliablyDeteriorated, finished),
    noReliableChange: rate(counts.noReliableChange, finished),
  };
}

function assertRuleSet(outcomes: readonly EpisodeOutcome[], ruleSet: OutcomeRuleSet): void {
  const other = outcomes.find((outcome) => outcome.ruleSetVersion !== ruleSet.version);
  if (other) {
    throw new OutcomesDomainError(
      'MIXED_RULE_SETS',
      `outcomes computed under rule set ${other.ruleSetVersion} cannot be summarised under ${ruleSet.version}`,
      { expected: ruleSet.version, found: other.ruleSetVersion },
    );
  }
}

/** Service outcome rates over episodes whose outcomes were all computed under `ruleSet`. */
export function summariseOutcomes(outcomes: readonly EpisodeOutcome[], ruleSet: OutcomeRuleSet): OutcomeMetrics {
  assertRuleSet(outcomes, ruleSet);
  return outcomeRates(outcomes.reduce(countOutcome, emptyCounts), ruleSet);
}

/** The same rates per group (practice, step, ethnicity, deprivation decile...), groups in first-seen order. */
export function summariseOutcomesBy<Group extends string>(
  entries: readonly { readonly group: Group; readonly outcome: EpisodeOutcome }[],
  ruleSet: OutcomeRuleSet,
): { group: Group; metrics: OutcomeMetrics }[] {
  assertRuleSet(
    entries.map((entry) => entry.outcome),
    ruleSet,
  );
  const counts = new Map<Group, OutcomeCounts>();
  for (const { group, outcome } of entries) counts.set(group, countOutcome(counts.get(group) ?? emptyCounts, outcome));
  return [...counts].map(([group, groupCounts]) => ({ group, metrics: outcomeRates(groupCounts, ruleSet) }));
}
