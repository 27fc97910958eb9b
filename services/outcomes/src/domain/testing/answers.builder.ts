import type { QuestionnaireDefinition } from '../questionnaires/questionnaire-definition';
import type { ItemAnswer } from '../scoring/scored-response';

/**
 * Answers that add up to `total`: items are filled in order up to their highest option (each starting from its
 * lowest), so the last items stay low. `fixed` pins chosen items (e.g. PHQ-9 item 9) first.
 */
export function answersTotalling(
  definition: QuestionnaireDefinition,
  total: number,
  fixed: Readonly<Record<string, number>> = {},
): ItemAnswer[] {
  const answers = definition.items.map((item) => {
    const values = item.answerOptions.filter((option) => !option.notApplicable).map((option) => option.value);
    return { linkId: item.linkId, value: fixed[item.linkId] ?? Math.min(...values), max: Math.max(...values) };
  });
  let remaining = total - answers.reduce((sum, answer) => sum + answer.value, 0);
  for (const answer of answers) {
    if (answer.linkId in fixed) continue;
    const add = Math.min(remaining, answer.max - answer.value);
    answer.value += add;
    remaining -= add;
  }
  if (remaining !== 0) throw new Error(`cannot make ${definition.code} total ${total}`);
  return answers.map(({ linkId, value }) => ({ linkId, value }));
}
