"use strict";
/**
 * The scheduling service's published words, spelt as issue 6 and the scheduling API spell them, so that the
 * relay maps domain values through unchanged.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.NOT_ATTENDED_OUTCOMES = exports.APPOINTMENT_CANCELLATION_REASONS = exports.CANCELLED_BY = exports.APPOINTMENT_PURPOSES = exports.APPOINTMENT_MODES = void 0;
exports.APPOINTMENT_MODES = ['face-to-face', 'telephone', 'video'];
/** "treatment" and "assessment-and-treatment" count as treatment (they stop the referral's waiting clock). */
exports.APPOINTMENT_PURPOSES = ['assessment', 'assessment-and-treatment', 'treatment', 'review'];
exports.CANCELLED_BY = ['patient', 'service'];
/** Why an appointment was cancelled: a code, never free text. */
exports.APPOINTMENT_CANCELLATION_REASONS = [
    'patient-request',
    'patient-unwell',
    'clinician-unavailable',
    'session-cancelled',
    'booked-in-error',
    'no-longer-needed',
    'other',
];
/** How an appointment that took place without the person being seen ended. */
exports.NOT_ATTENDED_OUTCOMES = ['did-not-attend', 'arrived-late-not-seen'];
//# sourceMappingURL=vocabulary.js.map