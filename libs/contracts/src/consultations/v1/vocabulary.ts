/**
 * The consultations service's vocabulary (issue 16). Codes only: the question, context, formulation and advice
 * are free text that stays (encrypted) in the consultations service and never travels in an integration event.
 */

/**
 * How a consultation ended — the coded outcome a specialist gives with their advice. `manage-in-primary-care`
 * is the "referral avoided" outcome the metrics count.
 */
export const CONSULTATION_OUTCOMES = [
  'manage-in-primary-care',
  'refer-to-talking-therapies-step-2',
  'refer-to-talking-therapies-step-3',
  'direct-psychological-therapy',
  'refer-to-secondary-care',
  'crisis-pathway',
  'social-prescription',
  'step-change',
  'no-action',
] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

/** How fast an answer is needed: `urgent` is the same or next working day; `routine` the service's target. */
export const CONSULTATION_URGENCIES = ['routine', 'urgent'] as const;
export type ConsultationUrgency = (typeof CONSULTATION_URGENCIES)[number];

/** How the specialist gives the consultation. */
export const CONSULTATION_MODES = ['written-advice', 'telephone', 'video', 'joint-appointment', 'file-review'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];

/** The kinds of specialist a consultation service's pool holds (issue 16 item 1); an answer names the one who gave it. */
export const SPECIALISMS = [
  'psychotherapist',
  'clinical-psychologist',
  'consultant-psychiatrist',
  'mental-health-pharmacist',
  'mental-health-nurse',
  'occupational-therapist',
] as const;
export type Specialism = (typeof SPECIALISMS)[number];

/**
 * Why a person's consent was not needed (codes, never free text): consent is the rule; these are the recognised
 * exceptions of the common law duty of confidentiality — a best-interests decision for a person who lacks capacity
 * (Mental Capacity Act 2005 s.4), a serious risk of harm, a legal requirement. The same codes as a consultation
 * request's.
 */
export const CONSENT_NOT_NEEDED_REASONS = ['lacks-capacity-best-interests', 'serious-risk-of-harm', 'legal-requirement'] as const;
export type ConsentNotNeededReason = (typeof CONSENT_NOT_NEEDED_REASONS)[number];
