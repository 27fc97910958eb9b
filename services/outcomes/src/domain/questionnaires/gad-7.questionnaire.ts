import { twoWeekFrequencyOptions } from './answer-scales';
import type { QuestionnaireDefinition } from './questionnaire-definition';

const item = (n: number, text: string) => ({ linkId: `gad7-${n}`, text, answerOptions: twoWeekFrequencyOptions });

/** Generalised Anxiety Disorder-7. Public domain wording (Pfizer, no permission required). */
export const gad7: QuestionnaireDefinition = {
  code: 'GAD-7',
  version: '1',
  title: 'Generalised Anxiety Disorder Assessment (GAD-7)',
  instruction: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    item(1, 'Feeling nervous, anxious or on edge'),
    item(2, 'Not being able to stop or control worrying'),
    item(3, 'Worrying too much about different things'),
    item(4, 'Trouble relaxing'),
    item(5, 'Being so restless that it is hard to sit still'),
    item(6, 'Becoming easily annoyed or irritable'),
    item(7, 'Feeling afraid as if something awful might happen'),
  ],
  scoring: { kind: 'sum', min: 0, max: 21 },
  severityBands: [
    { code: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { code: 'mild', label: 'Mild', min: 5, max: 9 },
    { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { code: 'severe', label: 'Severe', min: 15, max: 21 },
  ],
  caseness: { kind: 'total-at-least', value: 8 },
  reliableChange: 4,
  totalScoreConcept: {
    system: 'http://snomed.info/sct',
    code: '445455005',
    display: 'Generalized Anxiety Disorder 7 item score',
  },
  riskItems: [],
  sources: [
    'Spitzer, Kroenke, Williams & Löwe (2006), Arch Intern Med 166:1092–1097: items, 0–3 scoring and severity bands',
    'NHS Talking Therapies (IAPT): caseness ≥ 8, reliable change ≥ 4 (shared/DOMAIN.md)',
    'SNOMED CT 445455005 (shared/DOMAIN.md)',
  ],
};
