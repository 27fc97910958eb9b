/**
 * The clinic's words for appointments, shared by diaries, slots, appointments and group sessions
 * (DOMAIN.md "Appointments"; IAPT dataset care contact purposes and consultation media).
 */

/** How the person and the clinician meet. */
export const APPOINTMENT_MODES = ['face-to-face', 'telephone', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

/** What the contact is for: the waits measures count "treatment" and "assessment-and-treatment" as treatment. */
export const APPOINTMENT_PURPOSES = ['assessment', 'assessment-and-treatment', 'treatment', 'review'] as const;
export type AppointmentPurpose = (typeof APPOINTMENT_PURPOSES)[number];

/** Purposes that start or continue treatment (a first one stops the referral's waiting clock). */
export const TREATMENT_PURPOSES: readonly AppointmentPurpose[] = ['assessment-and-treatment', 'treatment'];

/**
 * Embargo: slots held back for quick access. `same-day` slots open on the morning of their own day (Europe/London),
 * `48-hours` slots open 48 hours before they start; `none` are bookable as soon as they exist.
 */
export const EMBARGOES = ['none', 'same-day', '48-hours'] as const;
export type Embargo = (typeof EMBARGOES)[number];

export const SLOT_LENGTHS_MINUTES = [15, 30, 45, 60] as const;
export type SlotLengthMinutes = (typeof SLOT_LENGTHS_MINUTES)[number];

/** Clinician roles (issue 6 "Clinicians"). */
export const CLINICIAN_ROLES = [
  'gp',
  'pwp',
  'high-intensity-therapist',
  'psychologist',
  'psychotherapist',
  'psychiatrist',
  'counsellor',
  'link-worker',
  'peer-support-worker',
] as const;
export type ClinicianRole = (typeof CLINICIAN_ROLES)[number];

/** Who cancelled: the outcome codes "cancelled by patient" and "cancelled by service" of DOMAIN.md. */
export const CANCELLED_BY = ['patient', 'service'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

/** Why an appointment was cancelled: codes, never free text (free text invites names and clinical detail). */
export const CANCELLATION_REASONS = [
  'patient-request',
  'patient-unwell',
  'clinician-unavailable',
  'session-cancelled',
  'booked-in-error',
  'no-longer-needed',
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** Why a diary session was cancelled. */
export const SESSION_CANCELLATION_REASONS = ['clinician-unavailable', 'site-unavailable', 'entered-in-error', 'other'] as const;
export type SessionCancellationReason = (typeof SESSION_CANCELLATION_REASONS)[number];

export const includes = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
