import { integerScale } from './answer-scales';
import type { QuestionnaireDefinition } from './questionnaire-definition';

const avoidance = integerScale(0, 8, {
  0: 'Would not avoid it',
  2: 'Slightly avoid it',
  4: 'Definitely avoid it',
  6: 'Markedly avoid it',
  8: 'Always avoid it',
});
const item = (linkId: string, text: string) => ({ linkId, text, answerOptions: avoidance });

/**
 * IAPT phobia scales: three avoidance ratings, each judged on its own (caseness: any item ≥ 4).
 * Items are short labels of the three situations.
 */
export const iaptPhobiaScales: QuestionnaireDefinition = {
  code: 'IAPT-PHOBIA',
  version: '1',
  title: 'IAPT phobia scales',
  instruction: 'Choose a number from the scale to show how much you would avoid each of the situations below.',
  items: [
    item('phobia-social', 'Social situations, for fear of being embarrassed or making a fool of myself'),
    item('phobia-agoraphobia', 'Certain situations, for fear of having a panic attack or other distressing symptoms'),
    item('phobia-specific', 'Certain situations, for fear of particular objects or activities'),
  ],
  scoring: {
    kind: 'sum',
    min: 0,
    max: 24,
    note: 'The total is informational; caseness is judged per item.',
  },
  severityBands: [],
  noBandsReason: 'Each of the three avoidance ratings is judged on its own (caseness: any item ≥ 4); the total is not banded.',
  caseness: { kind: 'any-item-at-least', value: 4 },
  reliableChange: null,
  totalScoreConcept: null,
  riskItems: [],
  sources: ['shared/DOMAIN.md: 3 items 0–8, caseness when any item ≥ 4 (NHS Talking Therapies / IAPT dataset)'],
};
