/**
 * The scheduling service's published words, spelt as issue 6 and the scheduling API spell them, so that the
 * relay maps domain values through unchanged.
 */

export const APPOINTMENT_MODES = ['face-to-face', 'telephone', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

/** "treatment" and "assessment-and-treatment" count as treatment (they stop the referral's waiting clock). */
export const APPOINTMENT_PURPOSES = ['assessment', 'assessment-and-treatment', 'treatment', 'review'] as const;
export type AppointmentPurpose = (typeof APPOINTMENT_PURPOSES)[number];

export const CANCELLED_BY = ['patient', 'service'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

/** Why an appointment was cancelled: a code, never free text. */
export const APPOINTMENT_CANCELLATION_REASONS = [
  'patient-request',
  'patient-unwell',
  'clinician-unavailable',
  'session-cancelled',
  'booked-in-error',
  'no-longer-needed',
  'other',
] as const;
export type AppointmentCancellationReason = (typeof APPOINTMENT_CANCELLATION_REASONS)[number];

/** How an appointment that took place without the person being seen ended. */
export const NOT_ATTENDED_OUTCOMES = ['did-not-attend', 'arrived-late-not-seen'] as const;
export type NotAttendedOutcome = (typeof NOT_ATTENDED_OUTCOMES)[number];

