import type { Organisation } from './organisation-events';

/**
 * The organisations a local run (`npm start`) and the tests know from the start: those of the README's and the
 * token examples (`npm run token`). Production registers its organisations through `PUT /organisations/{code}`.
 */
export const SEED_ORGANISATIONS: readonly Organisation[] = [
  // In the example ICB's area (the commissioner's `area=QWE01` on GET /metrics/gaps); the second practice is in none.
  { code: 'A81001', name: 'Example Surgery (GP practice)', organisationType: 'gp-practice', commissioningArea: 'QWE01' },
  { code: 'B82005', name: 'Second Example Practice (GP practice)', organisationType: 'gp-practice' },
  { code: 'RXT01', name: 'Example NHS Talking Therapies', organisationType: 'talking-therapies' },
  { code: 'RPC01', name: 'Example Psychotherapy Consultation Service', organisationType: 'psychotherapy-consultation' },
  { code: 'RY1', name: 'Example Community Mental Health Team', organisationType: 'secondary-care' },
  { code: 'RCR01', name: 'Example Crisis Resolution and Home Treatment Team', organisationType: 'crisis-team' },
  { code: 'VS0042', name: 'Example Wellbeing Charity', organisationType: 'voluntary-sector' },
  { code: 'QWE01', name: 'Example Integrated Care Board', organisationType: 'commissioner' },
  { code: 'AUD01', name: 'Example Information Governance Team', organisationType: 'audit' },
];
