import type { Role } from '@stepwell/access';

/** Who records and reads clinical measures, risk alerts and outcomes: clinicians only. */
export const CLINICAL_ROLES = ['clinician'] as const satisfies readonly Role[];

/**
 * Who may read the questionnaire catalogue (no patient data): anyone who takes part in care. Link workers too,
 * so a voluntary-sector form can show a wellbeing measure; they never see anyone's answers or scores.
 */
export const CATALOGUE_ROLES = ['clinician', 'admin', 'referrer', 'link-worker'] as const satisfies readonly Role[];

/**
 * Who works risk alerts (issue 12 item 8): the named clinician (a clinician), the organisation's duty clinician
 * (where an unacknowledged alert escalates) and its clinical lead (who sees the escalations). Always of the
 * organisation the alert is addressed to.
 */
export const RISK_ALERT_ROLES = ['clinician', 'duty-clinician', 'clinical-lead'] as const satisfies readonly Role[];
