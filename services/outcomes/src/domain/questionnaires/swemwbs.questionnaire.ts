import type { QuestionnaireDefinition } from './questionnaire-definition';

const frequency = [
  { value: 1, label: 'None of the time' },
  { value: 2, label: 'Rarely' },
  { value: 3, label: 'Some of the time' },
  { value: 4, label: 'Often' },
  { value: 5, label: 'All of the time' },
];
const item = (n: number, text: string) => ({ linkId: `swemwbs-${n}`, text, answerOptions: frequency });

/**
 * Short Warwick-Edinburgh Mental Wellbeing Scale. Higher is better. Items are short labels: the scale is
 * licensed (free registration with Warwick Medical School) and the full wording should be loaded with the licence.
 * Scored as the raw total 7–35: the Rasch metric conversion table is not applied because we do not hold an
 * authoritative copy of it here; reports must say "raw score".
 */
export const swemwbs: QuestionnaireDefinition = {
  code: 'SWEMWBS',
  version: '1',
  title: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)',
  instruction: 'Please tick the box that best describes your experience of each over the last 2 weeks.',
  items: [
    item(1, 'Feeling optimistic about the future'),
    item(2, 'Feeling useful'),
    item(3, 'Feeling relaxed'),
    item(4, 'Dealing with problems well'),
    item(5, 'Thinking clearly'),
    item(6, 'Feeling close to other people'),
    item(7, 'Able to make up my own mind about things'),
  ],
  scoring: {
    kind: 'sum',
    min: 7,
    max: 35,
    note: 'Raw total; the metric (Rasch) conversion is not applied.',
  },
  severityBands: [],
  noBandsReason: 'Our sources give no severity bands for SWEMWBS (a wellbeing scale: higher is better).',
  caseness: null,
  reliableChange: null,
  totalScoreConcept: {
    system: 'http://snomed.info/sct',
    code: '718466001',
    display: 'Short Warwick-Edinburgh Mental Well-being Scale score',
  },
  riskItems: [],
  sources: ['shared/DOMAIN.md: 7 items, total 7–35, SNOMED CT 718466001', 'Stewart-Brown et al. (2009): item set'],
};
