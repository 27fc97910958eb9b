import type { ErrorMappings } from '@stepwell/http';

/** The referral domain's error codes, added to the shared table (ILLEGAL_TRANSITION etc. come from there). */
export const REFERRALS_ERROR_MAPPINGS: ErrorMappings = {
  REFERRAL_NOT_FOUND: { status: 404, slug: 'referral-not-found', title: 'Referral not found' },
  REFERRAL_ALREADY_EXISTS: { status: 409, slug: 'referral-already-exists', title: 'A different referral has this id' },
};
