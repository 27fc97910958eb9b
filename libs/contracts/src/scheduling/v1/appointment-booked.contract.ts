import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { AppointmentMode, AppointmentPurpose } from './vocabulary';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** An appointment took a slot. The patient is the event's `patientSubjectId`. */
export interface AppointmentBookedV1 {
  appointmentId: string;
  episodeId: string;
  slotId: string;
  /** ODS code of the organisation whose diary holds the slot. */
  organisationId: string;
  clinicianId: string;
  purpose: AppointmentPurpose;
  mode: AppointmentMode;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  bookedAt: string;
}

export class AppointmentBookedV1Payload implements AppointmentBookedV1 {
  @IsString() @Matches(OPAQUE_ID) appointmentId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(OPAQUE_ID) slotId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsString() @Matches(OPAQUE_ID) clinicianId!: string;
  @IsIn(APPOINTMENT_PURPOSES) purpose!: AppointmentPurpose;
  @IsIn(APPOINTMENT_MODES) mode!: AppointmentMode;
  @IsInstant() startsAt!: string;
  @IsInstant() endsAt!: string;
  @IsInstant() bookedAt!: string;
}

export const AppointmentBookedV1Contract = defineContract<AppointmentBookedV1>({
  type: 'scheduling.appointment-booked',
  version: 1,
  producer: 'scheduling',
  payload: AppointmentBookedV1Payload,
  description: 'An appointment was booked into a free slot of a clinician’s diary.',
});
