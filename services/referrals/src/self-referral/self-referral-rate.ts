import type { RateRule } from '@stepwell/http';

/** Five self-referrals per client per hour: the public form is for one person, not for bulk submission. */
export const DEFAULT_SELF_REFERRAL_RATE_LIMIT: RateRule = { limit: 5, windowMs: 60 * 60 * 1000 };
