/**
 * The scheduling service's published words, spelt as issue 6 and the scheduling API spell them, so that the
 * relay maps domain values through unchanged.
 */
export declare const APPOINTMENT_MODES: readonly ["face-to-face", "telephone", "video"];
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];
/** "treatment" and "assessment-and-treatment" count as treatment (they stop the referral's waiting clock). */
export declare const APPOINTMENT_PURPOSES: readonly ["assessment", "assessment-and-treatment", "treatment", "review"];
export type AppointmentPurpose = (typeof APPOINTMENT_PURPOSES)[number];
export declare const CANCELLED_BY: readonly ["patient", "service"];
export type CancelledBy = (typeof CANCELLED_BY)[number];
/** Why an appointment was cancelled: a code, never free text. */
export declare const APPOINTMENT_CANCELLATION_REASONS: readonly ["patient-request", "patient-unwell", "clinician-unavailable", "session-cancelled", "booked-in-error", "no-longer-needed", "other"];
export type AppointmentCancellationReason = (typeof APPOINTMENT_CANCELLATION_REASONS)[number];
/** How an appointment that took place without the person being seen ended. */
export declare const NOT_ATTENDED_OUTCOMES: readonly ["did-not-attend", "arrived-late-not-seen"];
export type NotAttendedOutcome = (typeof NOT_ATTENDED_OUTCOMES)[number];
