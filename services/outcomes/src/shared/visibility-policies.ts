import type { FieldPolicy } from '@stepwell/access';

/**
 * Answers, scores, risk and outcomes are clinical detail: care providers with a relationship see them; the
 * voluntary sector, commissioners and auditors never do through these endpoints (403).
 */
export const CLINICAL_DETAIL_POLICY: FieldPolicy = {
  'gp-practice': '*',
  'talking-therapies': '*',
  'psychotherapy-consultation': '*',
  'secondary-care': '*',
  'crisis-team': '*',
};
