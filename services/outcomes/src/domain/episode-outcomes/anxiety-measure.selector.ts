import type { OutcomeRuleSet } from '../rule-sets/outcome-rule-set';
import type { MeasureScore } from './episode-outcome';
import { describeDisorder, type ProblemDescriptor } from './problem-descriptor';

/**
 * The anxiety measure of an episode: the disorder-specific one when the problem descriptor names a specific
 * anxiety disorder, the rule set has thresholds for its measure, and a pair of its scores exists; otherwise the
 * default (GAD-7). The reason says which condition decided.
 */
export function selectAnxietyMeasure(
  descriptor: ProblemDescriptor | null,
  measures: readonly MeasureScore[],
  ruleSet: OutcomeRuleSet,
): { code: string; reason: string } {
  const fallback = ruleSet.defaultAnxietyMeasure;
  const disorder = descriptor?.anxietyDisorder ?? null;
  if (disorder === null) {
    const why = descriptor ? 'the problem descriptor names no specific anxiety disorder' : 'no problem descriptor recorded';
    return { code: fallback, reason: `${fallback}: ${why}` };
  }
  const name = describeDisorder(disorder);
  const specific = ruleSet.anxietyDisorderMeasures[disorder];
  if (specific === fallback) {
    return { code: fallback, reason: `${fallback}: the measure specific to ${name}` };
  }
  if (!ruleSet.measures[specific]) {
    return {
      code: fallback,
      reason:
        `${fallback}: the problem descriptor names ${name}, but its measure ${specific} is not yet supported ` +
        `under rule set ${ruleSet.version} (no authoritative cut-offs)`,
    };
  }
  const count = measures.filter((score) => score.code === specific).length;
  if (count < 2) {
    return {
      code: fallback,
      reason: `${fallback}: the problem descriptor names ${name}, but there is no pair of ${specific} scores (${count} recorded)`,
    };
  }
  return { code: specific, reason: `${specific}: the measure specific to ${name}, with a pair of scores` };
}
