import type { Provider } from '@nestjs/common';
import { ruleSets, type RuleSetRegistry } from '../domain';

/** Nest token of the outcome rule sets in use: the shipped ones, or a test's registry with an extra set. */
export const RULE_SETS = 'OUTCOMES_RULE_SETS';

export const ruleSetsProvider: Provider = { provide: RULE_SETS, useValue: ruleSets satisfies RuleSetRegistry };
