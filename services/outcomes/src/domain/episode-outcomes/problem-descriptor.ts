import type { AnxietyDisorder } from '../rule-sets/outcome-rule-set';

/**
 * The problem descriptor a clinician records for an episode (the presenting problem, ICD-10 coded in the IAPT
 * dataset). Outcomes only need to know whether it names a specific anxiety disorder.
 */
export interface ProblemDescriptor {
  /** Null when the descriptor names no specific anxiety disorder (depression, mixed anxiety and depression, ...). */
  readonly anxietyDisorder: AnxietyDisorder | null;
  readonly icd10Code?: string;
}

/** ICD-10 categories of the anxiety disorders that have a disorder-specific measure, longest prefix first. */
const icd10Prefixes: readonly (readonly [string, AnxietyDisorder])[] = [
  ['F40.0', 'agoraphobia'],
  ['F40.1', 'social-anxiety-disorder'],
  ['F41.0', 'panic-disorder'],
  ['F41.1', 'generalised-anxiety-disorder'],
  ['F42', 'obsessive-compulsive-disorder'],
  ['F43.1', 'post-traumatic-stress-disorder'],
  ['F45.2', 'health-anxiety'],
];

/** The anxiety disorder an ICD-10 code names, or null (`F41.2` mixed anxiety and depressive disorder → null). */
export function anxietyDisorderFromIcd10(code: string): AnxietyDisorder | null {
  const normalised = code.trim().toUpperCase();
  return icd10Prefixes.find(([prefix]) => normalised.startsWith(prefix))?.[1] ?? null;
}

export function describeDisorder(disorder: AnxietyDisorder): string {
  return disorder.replace(/-/g, ' ');
}
