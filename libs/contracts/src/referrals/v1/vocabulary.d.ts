/**
 * Where a referral came from (NHS Talking Therapies referral sources), spelt as issue 5 and the referrals
 * service's API spell them, so that the relay maps domain values through unchanged.
 */
export declare const REFERRAL_SOURCES: readonly ["gp", "self", "health-professional", "school", "job-centre", "employer", "voluntary-sector", "talking-therapies", "secondary-care", "emergency-department"];
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
/** `crisis`: hours, e.g. to the crisis team. */
export declare const REFERRAL_URGENCIES: readonly ["routine", "urgent", "crisis"];
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];
/** Why a referral was withdrawn: a code, never free text (free text invites names and clinical detail). */
export declare const REFERRAL_WITHDRAWAL_REASONS: readonly ["patient-request", "referrer-request", "duplicate", "entered-in-error", "no-longer-needed", "other"];
export type ReferralWithdrawalReason = (typeof REFERRAL_WITHDRAWAL_REASONS)[number];
/** The steps of stepped care (DOMAIN.md "Stepped care"); `secondary-care` and `crisis` are both step 4. */
export declare const CARE_STEPS: readonly ["step-1", "step-2", "step-3", "complex-needs", "secondary-care", "crisis"];
export type CareStep = (typeof CARE_STEPS)[number];
/** Which way a step change went: `up` is more intensive care, `across` another pathway of the same intensity. */
export declare const STEP_DIRECTIONS: readonly ["up", "down", "across"];
export type StepDirection = (typeof STEP_DIRECTIONS)[number];
/** Why an urgent triage is needed: codes only, never the risk notes themselves. */
export declare const URGENT_TRIAGE_REASONS: readonly ["crisis-urgency", "suicidal-thoughts", "self-harm", "harm-to-others"];
export type UrgentTriageReason = (typeof URGENT_TRIAGE_REASONS)[number];
/** Where `refer-on` sends a referral. */
export declare const REFER_ON_DESTINATIONS: readonly ["secondary-care", "crisis-team"];
export type ReferOnDestination = (typeof REFER_ON_DESTINATIONS)[number];
/** Why triage declined a referral (the free text stays in the referrals service). */
export declare const DECLINE_REASONS: readonly ["outside-catchment", "outside-age-range", "no-consent", "patient-declined", "unable-to-contact", "already-in-treatment-elsewhere", "primary-need-not-in-scope", "other"];
export type DeclineReason = (typeof DECLINE_REASONS)[number];
/** Why a care episode ended. */
export declare const DISCHARGE_REASONS: readonly ["completed", "declined-further-treatment", "moved-away", "stepped-to-secondary-care", "disengaged-after-follow-up", "died"];
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];
