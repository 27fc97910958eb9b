import { twoWeekFrequencyOptions } from './answer-scales';
import type { QuestionnaireDefinition } from './questionnaire-definition';

const item = (n: number, text: string) => ({ linkId: `phq9-${n}`, text, answerOptions: twoWeekFrequencyOptions });

/** Patient Health Questionnaire-9 (depression). Public domain wording (Pfizer, no permission required). */
export const phq9: QuestionnaireDefinition = {
  code: 'PHQ-9',
  version: '1',
  title: 'Patient Health Questionnaire (PHQ-9)',
  instruction: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    item(1, 'Little interest or pleasure in doing things'),
    item(2, 'Feeling down, depressed, or hopeless'),
    item(3, 'Trouble falling or staying asleep, or sleeping too much'),
    item(4, 'Feeling tired or having little energy'),
    item(5, 'Poor appetite or overeating'),
    item(6, 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'),
    item(7, 'Trouble concentrating on things, such as reading the newspaper or watching television'),
    item(
      8,
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or ' +
        'restless that you have been moving around a lot more than usual',
    ),
    item(9, 'Thoughts that you would be better off dead or of hurting yourself in some way'),
  ],
  scoring: { kind: 'sum', min: 0, max: 27 },
  severityBands: [
    { code: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { code: 'mild', label: 'Mild', min: 5, max: 9 },
    { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { code: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
    { code: 'severe', label: 'Severe', min: 20, max: 27 },
  ],
  caseness: { kind: 'total-at-least', value: 10 },
  reliableChange: 6,
  totalScoreConcept: {
    system: 'http://snomed.info/sct',
    code: '720433000',
    display: 'Patient Health Questionnaire Nine Item score',
  },
  riskItems: [{ linkId: 'phq9-9', above: 0, signal: 'thoughts-of-self-harm' }],
  sources: [
    'Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606–613: items, 0–3 scoring and severity bands',
    'NHS Talking Therapies (IAPT): caseness ≥ 10, reliable change ≥ 6 (shared/DOMAIN.md)',
    'SNOMED CT 720433000 (shared/DOMAIN.md)',
  ],
};
