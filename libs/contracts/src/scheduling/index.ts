import type { IntegrationContract } from '../contract';
import {
  AppointmentAttendedV1Contract,
  AppointmentBookedV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentNotAttendedV1Contract,
  AppointmentRescheduledV1Contract,
  EngagementReviewNeededV1Contract,
} from './v1';

export * from './v1';

/** Every contract the scheduling service publishes, all versions. */
export const schedulingContracts: readonly IntegrationContract[] = [
  AppointmentBookedV1Contract,
  AppointmentRescheduledV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentAttendedV1Contract,
  AppointmentNotAttendedV1Contract,
  EngagementReviewNeededV1Contract,
];
