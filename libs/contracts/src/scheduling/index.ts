import type { IntegrationContract } from '../contract';
import {
  AppointmentAttendedV1Contract,
  AppointmentBookedV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentNotAttendedV1Contract,
  AppointmentRescheduledV1Contract,
  EngagementReviewNeededV1Contract,
} from './v1';

export {
  APPOINTMENT_CANCELLATION_REASONS,
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  type AppointmentAttendedV1,
  AppointmentAttendedV1Contract,
  AppointmentAttendedV1Payload,
  type AppointmentBookedV1,
  AppointmentBookedV1Contract,
  AppointmentBookedV1Payload,
  type AppointmentCancellationReason,
  type AppointmentCancelledV1,
  AppointmentCancelledV1Contract,
  AppointmentCancelledV1Payload,
  type AppointmentMode,
  type AppointmentNotAttendedV1,
  AppointmentNotAttendedV1Contract,
  AppointmentNotAttendedV1Payload,
  type AppointmentPurpose,
  type AppointmentRescheduledV1,
  AppointmentRescheduledV1Contract,
  AppointmentRescheduledV1Payload,
  CANCELLED_BY,
  type CancelledBy,
  type EngagementReviewNeededV1,
  EngagementReviewNeededV1Contract,
  EngagementReviewNeededV1Payload,
  NOT_ATTENDED_OUTCOMES,
  type NotAttendedOutcome,
} from './v1';

/** Every contract the scheduling service publishes, all versions. */
export const schedulingContracts: readonly IntegrationContract[] = [
  AppointmentBookedV1Contract,
  AppointmentRescheduledV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentAttendedV1Contract,
  AppointmentNotAttendedV1Contract,
  EngagementReviewNeededV1Contract,
];
