import type { AnswerOption } from './questionnaire-definition';

/** The PHQ and GAD "over the last 2 weeks" frequency scale, scored 0–3. */
export const twoWeekFrequencyOptions: readonly AnswerOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

/** Integer options from `min` to `max`, labelling only the anchors our sources give. */
export function integerScale(
  min: number,
  max: number,
  anchors: Readonly<Record<number, string>>,
): readonly AnswerOption[] {
  const options: AnswerOption[] = [];
  for (let value = min; value <= max; value++) {
    options.push({ value, label: anchors[value] ?? String(value) });
  }
  return options;
}
