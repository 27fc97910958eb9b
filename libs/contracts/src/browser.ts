/**
 * The browser's way into the contracts (`@stepwell/contracts/browser`, imported by apps/web through a Vite alias and a
 * TypeScript path): the shared code lists only — modules of `as const` arrays with no imports, so no decorator,
 * class-validator or Node module reaches the browser bundle. `browser.spec.ts` holds every module re-exported here
 * to that. The web app's words for these codes stay in the web app; the codes themselves are not copied.
 */
export { CARE_STEPS, DECLINE_REASONS, REFER_ON_DESTINATIONS, REFERRAL_URGENCIES } from './referrals/v1/vocabulary';
export { SOCIAL_PRESCRIPTION_DECLINE_REASONS } from './directory/v1/vocabulary';
export { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_OUTCOMES, CONSULTATION_URGENCIES, SPECIALISMS } from './consultations/v1/vocabulary';
export { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, NOT_ATTENDED_OUTCOMES } from './scheduling/v1/vocabulary';
