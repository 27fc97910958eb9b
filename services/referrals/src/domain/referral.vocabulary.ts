/**
 * The referral's vocabulary. Sources and urgencies are the stepped-care lists (one definition, in
 * stepped-care/referral-vocabulary.ts); withdrawal reasons belong to the referral alone.
 */
export {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  type ReferralSource,
  type ReferralUrgency,
} from './stepped-care/referral-vocabulary';

/** Why a referral was withdrawn before triage. */
export const WITHDRAWAL_REASONS = ['patient-request', 'referrer-request', 'duplicate', 'entered-in-error'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
