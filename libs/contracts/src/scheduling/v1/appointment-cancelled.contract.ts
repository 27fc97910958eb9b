import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { AppointmentCancellationReason, CancelledBy } from './vocabulary';
import { APPOINTMENT_CANCELLATION_REASONS, CANCELLED_BY } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A booked appointment was cancelled by the patient or by the service; its slot is free again. */
export interface AppointmentCancelledV1 {
  appointmentId: string;
  episodeId: string;
  organisationId: string;
  cancelledBy: CancelledBy;
  reason: AppointmentCancellationReason;
  cancelledAt: string;
}

export class AppointmentCancelledV1Payload implements AppointmentCancelledV1 {
  @IsString() @Matches(OPAQUE_ID) appointmentId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsIn(CANCELLED_BY) cancelledBy!: CancelledBy;
  @IsIn(APPOINTMENT_CANCELLATION_REASONS) reason!: AppointmentCancellationReason;
  @IsInstant() cancelledAt!: string;
}

export const AppointmentCancelledV1Contract = defineContract<AppointmentCancelledV1>({
  type: 'scheduling.appointment-cancelled',
  version: 1,
  producer: 'scheduling',
  payload: AppointmentCancelledV1Payload,
  description: 'A booked appointment was cancelled by the patient or by the service.',
});
