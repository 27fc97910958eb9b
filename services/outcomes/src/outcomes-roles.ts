import type { Role } from '@stepwell/access';

/** Who records and reads clinical measures, risk alerts and outcomes: clinicians only. */
export const CLINICAL_ROLES = ['clinician'] as const satisfies readonly Role[];

/**
 * Who may read the questionnaire catalogue (no patient data): anyone who takes part in care. Link workers too,
 * so a voluntary-sector form can show a wellbeing measure; they never see anyone's answers or scores.
 */
export const CATALOGUE_ROLES = ['clinician', 'admin', 'referrer', 'link-worker'] as const satisfies readonly Role[];
