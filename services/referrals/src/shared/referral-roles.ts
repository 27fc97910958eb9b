import type { Role } from '@stepwell/access';

/**
 * Who may make, withdraw and follow referrals, in order of preference for the role an event records: a GP
 * clinician who is also a referrer refers as the referrer.
 */
export const REFERRAL_ROLES = ['referrer', 'clinician', 'admin'] as const satisfies readonly Role[];
