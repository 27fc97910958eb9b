/**
 * Who sent the referral (DOMAIN.md "Referral sources and triage"). Same codes as
 * stepped-care/referral-vocabulary.ts (the full referral domain); one list should replace both when it lands.
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

/** How soon triage must look at it: routine, urgent (days), crisis (hours, e.g. to the crisis team). */
export const REFERRAL_URGENCIES = ['routine', 'urgent', 'crisis'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/** Why a referral was withdrawn before triage. */
export const WITHDRAWAL_REASONS = ['patient-request', 'referrer-request', 'duplicate', 'entered-in-error'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
