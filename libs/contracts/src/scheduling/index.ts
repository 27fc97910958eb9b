import type { IntegrationContract } from '../contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { AppointmentAttendedV1Contract } from './v1/appointment-attended.contract';
import { AppointmentBookedV1Contract } from './v1/appointment-booked.contract';
import { AppointmentCancelledV1Contract } from './v1/appointment-cancelled.contract';
import { AppointmentNotAttendedV1Contract } from './v1/appointment-not-attended.contract';
import { AppointmentRescheduledV1Contract } from './v1/appointment-rescheduled.contract';
import { EngagementReviewNeededV1Contract } from './v1/engagement-review-needed.contract';

/** Every contract the scheduling service publishes, all versions. */
export const schedulingContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('scheduling'),
  AppointmentBookedV1Contract,
  AppointmentRescheduledV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentAttendedV1Contract,
  AppointmentNotAttendedV1Contract,
  EngagementReviewNeededV1Contract,
];
