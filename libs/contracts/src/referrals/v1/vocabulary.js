"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DISCHARGE_REASONS = exports.DECLINE_REASONS = exports.REFER_ON_DESTINATIONS = exports.URGENT_TRIAGE_REASONS = exports.STEP_DIRECTIONS = exports.CARE_STEPS = exports.REFERRAL_WITHDRAWAL_REASONS = exports.REFERRAL_URGENCIES = exports.REFERRAL_SOURCES = void 0;
/**
 * Where a referral came from (NHS Talking Therapies referral sources), spelt as issue 5 and the referrals
 * service's API spell them, so that the relay maps domain values through unchanged.
 */
exports.REFERRAL_SOURCES = [
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
];
/** `crisis`: hours, e.g. to the crisis team. */
exports.REFERRAL_URGENCIES = ['routine', 'urgent', 'crisis'];
/** Why a referral was withdrawn: a code, never free text (free text invites names and clinical detail). */
exports.REFERRAL_WITHDRAWAL_REASONS = [
    'patient-request',
    'referrer-request',
    'duplicate',
    'entered-in-error',
    'no-longer-needed',
    'other',
];
/** The steps of stepped care (DOMAIN.md "Stepped care"); `secondary-care` and `crisis` are both step 4. */
exports.CARE_STEPS = ['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'];
/** Which way a step change went: `up` is more intensive care, `across` another pathway of the same intensity. */
exports.STEP_DIRECTIONS = ['up', 'down', 'across'];
/** Why an urgent triage is needed: codes only, never the risk notes themselves. */
exports.URGENT_TRIAGE_REASONS = ['crisis-urgency', 'suicidal-thoughts', 'self-harm', 'harm-to-others'];
/** Where `refer-on` sends a referral. */
exports.REFER_ON_DESTINATIONS = ['secondary-care', 'crisis-team'];
/** Why triage declined a referral (the free text stays in the referrals service). */
exports.DECLINE_REASONS = [
    'outside-catchment',
    'outside-age-range',
    'no-consent',
    'patient-declined',
    'unable-to-contact',
    'already-in-treatment-elsewhere',
    'primary-need-not-in-scope',
    'other',
];
/** Why a care episode ended. */
exports.DISCHARGE_REASONS = [
    'completed',
    'declined-further-treatment',
    'moved-away',
    'stepped-to-secondary-care',
    'disengaged-after-follow-up',
    'died',
];
//# sourceMappingURL=vocabulary.js.map