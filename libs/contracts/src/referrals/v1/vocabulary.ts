/**
 * Where a referral came from (NHS Talking Therapies referral sources), spelt as issue 5 and the referrals
 * service's API spell them, so that the relay maps domain values through unchanged.
 */
export const REFERRAL_SOURCES = [
  'gp',
  'self',
  'health-professional',
  'school',
  'job-centre',
  'employer',
  'voluntary-sector',
  'talking-therapies',
  'secondary-care',
  'emergency-department',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** `crisis`: hours, e.g. to the crisis team. */
export const REFERRAL_URGENCIES = ['routine', 'urgent', 'crisis'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/** Why a referral was withdrawn: a code, never free text (free text invites names and clinical detail). */
export const REFERRAL_WITHDRAWAL_REASONS = [
  'patient-request',
  'referrer-request',
  'duplicate',
  'entered-in-error',
  'no-longer-needed',
  'other',
] as const;
export type ReferralWithdrawalReason = (typeof REFERRAL_WITHDRAWAL_REASONS)[number];

/**
 * An opaque identifier: letters, digits, `-` and `_` only, so that no name, address or NHS number with
 * spaces can pass as an id. UUIDs fit.
 */
export const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** ODS organisation code (e.g. `Y01234`, `RXX`). */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
