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
import type { ReferralSource } from './stepped-care/referral-vocabulary';

/**
 * Where a referral on record came from: the sources a form may name (`REFERRAL_SOURCES`), plus `consultation` — a
 * referral this service created itself from a specialist consultation's answer (hazard H-CB1), which no form may
 * claim. Published as `health-professional` (the published vocabulary is frozen per version; `publishedSourceOf`).
 */
export type ReferralRecordSource = ReferralSource | 'consultation';
export const CONSULTATION_SOURCE = 'consultation' as const;

/** The source as the published referral contracts spell it: a consultation's referral is a health professional's. */
export function publishedSourceOf(source: ReferralRecordSource): ReferralSource {
  return source === CONSULTATION_SOURCE ? 'health-professional' : source;
}

/** Why a referral was withdrawn before triage. */
export const WITHDRAWAL_REASONS = ['patient-request', 'referrer-request', 'duplicate', 'entered-in-error'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/**
 * How the receiving organisation verified that a self-referral is about the person it names (hazard H-A1), before a
 * relationship resting on it may reach the rest of the person's care: `nhs-login` — the person proved who they are
 * with NHS login at identity level P9 (NHS England, "NHS login identity verification"); `pds-trace-and-photo-id` — a
 * Personal Demographics Service trace matched and photo identification was seen; `known-to-practice` — the person is
 * known to the service or their registered practice confirmed them. The same list as the published contract.
 */
export const IDENTITY_VERIFICATION_METHODS = ['nhs-login', 'pds-trace-and-photo-id', 'known-to-practice'] as const;
export type IdentityVerificationMethod = (typeof IDENTITY_VERIFICATION_METHODS)[number];
