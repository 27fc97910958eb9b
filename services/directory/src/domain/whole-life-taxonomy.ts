import { deterministicUuid } from '@stepwell/decider';
import type { OrukRecord } from './oruk-records';

/**
 * The directory's own vocabulary: the whole-life domains a link worker and a person talk through in a "what matters
 * to me" conversation (NHS England, Social prescribing: reference guide and technical annex, 2023, which names
 * housing, money, employment, social isolation, physical activity, bereavement and carers among the non-medical
 * needs social prescribing addresses). Ids are fixed (name-based UUIDs) so that every installation, every seed run
 * and every export names the same terms; other vocabularies arrive by import beside it.
 */
export const WHOLE_LIFE_TAXONOMY_ID = deterministicUuid('stepwell/directory/taxonomy/whole-life');

export const WHOLE_LIFE_TAXONOMY: OrukRecord = {
  id: WHOLE_LIFE_TAXONOMY_ID,
  name: 'Stepwell whole-life domains',
  description: 'What matters to a person beyond their mental health care: the domains social prescribing links people to.',
  version: '1',
};

const TERMS: ReadonlyArray<[code: string, name: string, description: string]> = [
  ['housing', 'Housing', 'Homelessness, housing advice, tenancy support and repairs.'],
  ['money-and-debt', 'Money and debt', 'Debt advice, budgeting, food and fuel poverty.'],
  ['benefits', 'Benefits', 'Help to claim welfare benefits and appeal decisions.'],
  ['employment-and-training', 'Employment and training', 'Work, volunteering, skills, education and training.'],
  ['social-contact-and-loneliness', 'Social contact and loneliness', 'Befriending, peer support and groups that reduce isolation.'],
  ['physical-activity', 'Physical activity', 'Walking groups, exercise, sport and green activity.'],
  ['bereavement', 'Bereavement', 'Support after a death.'],
  ['domestic-abuse', 'Domestic abuse', 'Support and safety for people experiencing domestic abuse.'],
  ['carers', 'Carers', 'Support for unpaid carers.'],
  ['perinatal', 'Perinatal', 'Support in pregnancy and after birth for parents.'],
  ['substance-use', 'Substance use', 'Alcohol and drug support.'],
  ['legal', 'Legal', 'Legal advice, immigration advice and advocacy.'],
  ['arts-and-culture', 'Arts and culture', 'Creative activities, arts on prescription, museums and libraries.'],
];

export const wholeLifeTermId = (code: string): string => deterministicUuid(`stepwell/directory/taxonomy/whole-life/${code}`);

export const WHOLE_LIFE_TERMS: readonly OrukRecord[] = TERMS.map(([code, name, description]) => ({
  id: wholeLifeTermId(code),
  code,
  name,
  description,
  taxonomy_id: WHOLE_LIFE_TAXONOMY_ID,
}));
