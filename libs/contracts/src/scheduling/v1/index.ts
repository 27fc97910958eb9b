export {
  APPOINTMENT_CANCELLATION_REASONS,
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  type AppointmentCancellationReason,
  type AppointmentMode,
  type AppointmentPurpose,
  CANCELLED_BY,
  type CancelledBy,
  NOT_ATTENDED_OUTCOMES,
  type NotAttendedOutcome,
} from './vocabulary';
export {
  type AppointmentBookedV1,
  AppointmentBookedV1Contract,
  AppointmentBookedV1Payload,
} from './appointment-booked.contract';
export {
  type AppointmentRescheduledV1,
  AppointmentRescheduledV1Contract,
  AppointmentRescheduledV1Payload,
} from './appointment-rescheduled.contract';
export {
  type AppointmentCancelledV1,
  AppointmentCancelledV1Contract,
  AppointmentCancelledV1Payload,
} from './appointment-cancelled.contract';
export {
  type AppointmentAttendedV1,
  AppointmentAttendedV1Contract,
  AppointmentAttendedV1Payload,
} from './appointment-attended.contract';
export {
  type AppointmentNotAttendedV1,
  AppointmentNotAttendedV1Contract,
  AppointmentNotAttendedV1Payload,
} from './appointment-not-attended.contract';
export {
  type EngagementReviewNeededV1,
  EngagementReviewNeededV1Contract,
  EngagementReviewNeededV1Payload,
} from './engagement-review-needed.contract';
