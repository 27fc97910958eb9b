import type { OrganisationType, Role } from '@stepwell/access';

/** Who publishes what a consultation service offers: its administrators. */
export const OFFERING_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** Who reads the offerings (to choose where to ask): anyone who asks or runs a service. */
export const OFFERING_READER_ROLES = ['clinician', 'referrer', 'admin'] as const satisfies readonly Role[];
/** Who asks for a consultation: primary care clinicians (GPs, practice nurses, PWPs …) and referrers. */
export const REQUESTER_ROLES = ['clinician', 'referrer'] as const satisfies readonly Role[];
/** Who works consultations (either side): clinicians, and admins who triage and assign; referrers follow their own. */
export const CONSULTATION_ROLES = ['clinician', 'admin', 'referrer'] as const satisfies readonly Role[];
/** Who gives the specialist's answer: clinicians only. */
export const SPECIALIST_ROLES = ['clinician'] as const satisfies readonly Role[];

/** Organisation types that may offer consultations: a consultation service, or a team inside a provider. */
export const CONSULTING_ORGANISATION_TYPES: readonly OrganisationType[] = ['psychotherapy-consultation', 'talking-therapies', 'secondary-care'];
