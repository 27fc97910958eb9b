import type { Role } from '@stepwell/access';

/** Who runs diaries and books: administrators first (booking is their work), then clinicians. */
export const BOOKING_ROLES = ['admin', 'clinician'] as const satisfies readonly Role[];
/** Who sets up clinicians: the organisation's administrators. */
export const CLINICIAN_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** Who records what happened at an appointment. */
export const ATTENDANCE_ROLES = ['clinician', 'admin'] as const satisfies readonly Role[];
