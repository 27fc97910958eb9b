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

/**
 * How a receiving organisation verified that a self-referral is about the person it names (hazard H-A1):
 * `nhs-login` — the person signed in with NHS login at identity level P9 (NHS England, NHS login identity
 * verification); `pds-trace-and-photo-id` — a Personal Demographics Service trace matched and photo ID was seen;
 * `known-to-practice` — the person is known to the service (or their registered practice confirmed them).
 */
export const IDENTITY_VERIFICATION_METHODS = ['nhs-login', 'pds-trace-and-photo-id', 'known-to-practice'] as const;
export type IdentityVerificationMethod = (typeof IDENTITY_VERIFICATION_METHODS)[number];

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

/** The steps of stepped care (DOMAIN.md "Stepped care"); `secondary-care` and `crisis` are both step 4. */
export const CARE_STEPS = ['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'] as const;
export type CareStep = (typeof CARE_STEPS)[number];

/** Which way a step change went: `up` is more intensive care, `across` another pathway of the same intensity. */
export const STEP_DIRECTIONS = ['up', 'down', 'across'] as const;
export type StepDirection = (typeof STEP_DIRECTIONS)[number];

/** Why an urgent triage is needed: codes only, never the risk notes themselves. */
export const URGENT_TRIAGE_REASONS = ['crisis-urgency', 'suicidal-thoughts', 'self-harm', 'harm-to-others'] as const;
export type UrgentTriageReason = (typeof URGENT_TRIAGE_REASONS)[number];

/** Where `refer-on` sends a referral. */
export const REFER_ON_DESTINATIONS = ['secondary-care', 'crisis-team'] as const;
export type ReferOnDestination = (typeof REFER_ON_DESTINATIONS)[number];

/** Why triage declined a referral (the free text stays in the referrals service). */
export const DECLINE_REASONS = [
  'outside-catchment',
  'outside-age-range',
  'no-consent',
  'patient-declined',
  'unable-to-contact',
  'already-in-treatment-elsewhere',
  'primary-need-not-in-scope',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Why a care episode ended. */
export const DISCHARGE_REASONS = [
  'completed',
  'declined-further-treatment',
  'moved-away',
  'stepped-to-secondary-care',
  'disengaged-after-follow-up',
  'died',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];


/**
 * The lawful basis of an erasure (issue 15), UK GDPR Article 17(1) grounds, plus an order of a court. Right to
 * erasure does not apply where processing is needed for public health or for the provision of health care
 * (Article 17(3)(c), Article 9(2)(h)): the privacy officer decides, the code records on which ground.
 */
export const ERASURE_LAWFUL_BASES = [
  /** Art. 17(1)(a): no longer necessary for the purposes collected (e.g. a record kept beyond its retention period). */
  'art17-1a-no-longer-necessary',
  /** Art. 17(1)(b): consent withdrawn where consent was the basis. */
  'art17-1b-consent-withdrawn',
  /** Art. 17(1)(c): an objection under Art. 21 upheld. */
  'art17-1c-objection-upheld',
  /** Art. 17(1)(d): unlawfully processed (e.g. recorded against the wrong person and not theirs to keep). */
  'art17-1d-unlawfully-processed',
  /** Art. 17(1)(e): erasure required by a legal obligation. */
  'art17-1e-legal-obligation',
  /** An order of a court or tribunal. */
  'court-order',
] as const;
export type ErasureLawfulBasis = (typeof ERASURE_LAWFUL_BASES)[number];
