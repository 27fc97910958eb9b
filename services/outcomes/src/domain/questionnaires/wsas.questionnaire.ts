import { integerScale } from './answer-scales';
import type { QuestionnaireDefinition } from './questionnaire-definition';

const impairment = integerScale(0, 8, { 0: 'Not at all impaired', 8: 'Very severely impaired' });
const item = (n: number, text: string) => ({ linkId: `wsas-${n}`, text, answerOptions: impairment });

/**
 * Work and Social Adjustment Scale. Items are short labels of the five areas (the published sentences begin
 * "Because of my [problem] my ability to ... is impaired"). No bands, caseness or reliable change: our sources
 * (shared/DOMAIN.md) give none, and the service does not use WSAS in outcome flags.
 * Not modelled: the "not working / retired" choice for item 1 (the score then covers four items).
 */
export const wsas: QuestionnaireDefinition = {
  code: 'WSAS',
  version: '1',
  title: 'Work and Social Adjustment Scale (WSAS)',
  instruction: 'Rate how much your problem impairs your ability to carry out each of the activities below.',
  items: [
    item(1, 'Work'),
    item(2, 'Home management'),
    item(3, 'Social leisure activities'),
    item(4, 'Private leisure activities'),
    item(5, 'Close relationships'),
  ],
  scoring: { kind: 'sum', min: 0, max: 40 },
  severityBands: [],
  noBandsReason: 'shared/DOMAIN.md gives no bands or caseness for WSAS; the service does not band it.',
  caseness: null,
  reliableChange: null,
  totalScoreConcept: null,
  riskItems: [],
  sources: [
    'Mundt, Marks, Shear & Greist (2002), Br J Psychiatry 180:461–464: five items scored 0–8',
    'shared/DOMAIN.md: 5 items 0–8, total 0–40',
  ],
};
