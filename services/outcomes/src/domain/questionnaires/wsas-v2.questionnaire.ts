import type { QuestionnaireDefinition } from './questionnaire-definition';
import { wsas } from './wsas.questionnaire';

/** The WSAS item 1 answer for someone not in work (retired, or not working for a reason unrelated to the problem). */
export const WSAS_NOT_WORKING = { value: -1, label: 'Not working / retired (not scored)', notApplicable: true } as const;

/**
 * WSAS version 2: item 1 (work) may be answered "not working"; the answer is kept, the item is left out of the
 * total, which then covers four items (0–32). Mundt, Marks, Shear & Greist (2002) give the work item a "not
 * applicable" choice for people who are retired or choose not to have a job for reasons unrelated to their
 * problem. Version 1 (no such choice) stays for responses recorded against it.
 */
export const wsasV2: QuestionnaireDefinition = {
  ...wsas,
  version: '2',
  items: wsas.items.map((item, index) =>
    index === 0 ? { ...item, answerOptions: [WSAS_NOT_WORKING, ...item.answerOptions] } : item,
  ),
  scoring: {
    kind: 'sum',
    min: 0,
    max: 40,
    note: 'Item 1 answered "not working" is left out of the total, which then ranges 0–32 over four items.',
  },
  sources: [...wsas.sources, 'Mundt et al. (2002): the work item is not applicable to those not working'],
};
