import { integerScale } from './answer-scales';
import type { QuestionnaireDefinition } from './questionnaire-definition';

const notAtAllToCompletely = (what: string) => integerScale(0, 10, { 0: `Not at all ${what}`, 10: `Completely ${what}` });

/**
 * ONS personal wellbeing (ONS4). Each item is reported on its own: for three items higher is better, for
 * anxiety higher is worse, so a sum would mean nothing.
 */
export const ons4: QuestionnaireDefinition = {
  code: 'ONS4',
  version: '1',
  title: 'ONS personal wellbeing (ONS4)',
  instruction: 'Please answer each question on a scale of 0 to 10.',
  items: [
    {
      linkId: 'ons4-life-satisfaction',
      text: 'Overall, how satisfied are you with your life nowadays?',
      answerOptions: notAtAllToCompletely('satisfied'),
    },
    {
      linkId: 'ons4-worthwhile',
      text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      answerOptions: notAtAllToCompletely('worthwhile'),
    },
    {
      linkId: 'ons4-happiness',
      text: 'Overall, how happy did you feel yesterday?',
      answerOptions: notAtAllToCompletely('happy'),
    },
    {
      linkId: 'ons4-anxiety',
      text: 'Overall, how anxious did you feel yesterday?',
      answerOptions: notAtAllToCompletely('anxious'),
    },
  ],
  scoring: { kind: 'per-item', note: 'Each item is reported separately; anxiety runs the other way from the rest.' },
  severityBands: [],
  noBandsReason: 'Reported item by item (no total): higher is better for three items and worse for anxiety.',
  caseness: null,
  reliableChange: null,
  totalScoreConcept: null,
  riskItems: [],
  sources: ['Office for National Statistics, personal well-being questions (ONS4)', 'shared/DOMAIN.md: 4 items 0–10'],
};
