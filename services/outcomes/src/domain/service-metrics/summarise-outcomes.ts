import type { CasenessAtStart, EpisodeOutcome } from '../episode-outcomes/episode-outcome';
import { OutcomesDomainError } from '../outcomes-domain.error';
import type { NationalStandard, OutcomeRuleSet } from '../rule-sets/outcome-rule-set';
import type { OutcomeCounts, OutcomeMetrics, Rate } from './outcome-metrics';

export const emptyCounts: OutcomeCounts = {
  episodes: 0,
  finishedCourses: 0,
  finishedWithPairedScores: 0,
  notAtCasenessAtStart: 0,
  notAtCasenessWithPairedScores: 0,
  casenessUnknown: 0,
  recovered: 0,
  reliablyImproved: 0,
  reliablyRecovered: 0,
  reliablyDeteriorated: 0,
  noReliableChange: 0,
};

/** Caseness at start of an outcome; outcomes kept before the three-valued state read as their flag. */
export function casenessAtStartOf(outcome: EpisodeOutcome): CasenessAtStart {
  return outcome.casenessAtStartState ?? (outcome.flags.casenessAtStart.value ? 'at' : 'not-at');
}

/** Adds one episode's outcome to the counts. Only finished courses count towards any rate. */
export function countOutcome(counts: OutcomeCounts, outcome: EpisodeOutcome): OutcomeCounts {
  const flags = outcome.flags;
  const finished = flags.finishedCourse.value;
  const caseness = casenessAtStartOf(outcome);
  const add = (condition: boolean) => (finished && condition ? 1 : 0);
  return {
    episodes: counts.episodes + 1,
    finishedCourses: counts.finishedCourses + add(true),
    finishedWithPairedScores: counts.finishedWithPairedScores + add(outcome.pairedScores),
    notAtCasenessAtStart: counts.notAtCasenessAtStart + add(caseness === 'not-at'),
    notAtCasenessWithPairedScores: counts.notAtCasenessWithPairedScores + add(caseness === 'not-at' && outcome.pairedScores),
    casenessUnknown: counts.casenessUnknown + add(caseness === 'unknown'),
    recovered: counts.recovered + add(flags.recovery.value),
    reliablyImproved: counts.reliablyImproved + add(flags.reliableImprovement.value),
    reliablyRecovered: counts.reliablyRecovered + add(flags.reliableRecovery.value),
    reliablyDeteriorated: counts.reliablyDeteriorated + add(flags.reliableDeterioration.value),
    noReliableChange: counts.noReliableChange + add(flags.noReliableChange.value),
  };
}

const percentOf = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;

export function rate(
  numerator: number,
  denominator: number,
  standard: NationalStandard | null = null,
  completeness?: { casenessUnknown: number; withPairedScores: number },
): Rate {
  const value = denominator > 0 ? numerator / denominator : null;
  return {
    numerator,
    denominator,
    rate: value,
    percent: percentOf(numerator, denominator),
    standard,
    meetsStandard: value === null || standard === null ? null : value >= standard.atLeast,
    ...(completeness
      ? { completeness: { ...completeness, pairedScorePercent: percentOf(completeness.withPairedScores, denominator) } }
      : {}),
  };
}

/**
 * The service rates from counts, with the rule set's national standard beside each. Recovery and reliable
 * recovery are over finished courses at caseness at start (finished − not at caseness: unknown stays in);
 * reliable improvement, deterioration and no reliable change over all finished courses.
 */
export function outcomeRates(counts: OutcomeCounts, ruleSet: OutcomeRuleSet): OutcomeMetrics {
  const finished = counts.finishedCourses;
  const atCaseness = finished - counts.notAtCasenessAtStart;
  const overFinished = { casenessUnknown: counts.casenessUnknown, withPairedScores: counts.finishedWithPairedScores };
  const overAtCaseness = {
    casenessUnknown: counts.casenessUnknown,
    withPairedScores: counts.finishedWithPairedScores - counts.notAtCasenessWithPairedScores,
  };
  return {
    ruleSetVersion: ruleSet.version,
    counts,
    pairedScoreCompleteness: rate(counts.finishedWithPairedScores, finished),
    recovery: rate(counts.recovered, atCaseness, ruleSet.standards.recovery, overAtCaseness),
    reliableImprovement: rate(counts.reliablyImproved, finished, ruleSet.standards.reliableImprovement, overFinished),
    reliableRecovery: rate(counts.reliablyRecovered, atCaseness, ruleSet.standards.reliableRecovery, overAtCaseness),
    reliableDeterioration: rate(counts.reliablyDeteriorated, finished, null, overFinished),
    noReliableChange: rate(counts.noReliableChange, finished, null, overFinished),
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
