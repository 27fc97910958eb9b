import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { AppointmentPurpose, NotAttendedOutcome } from './vocabulary';
import { APPOINTMENT_PURPOSES, NOT_ATTENDED_OUTCOMES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** The person did not attend, or arrived too late to be seen. Never a discharge. */
export interface AppointmentNotAttendedV1 {
  appointmentId: string;
  episodeId: string;
  organisationId: string;
  purpose: AppointmentPurpose;
  startsAt: string;
  outcome: NotAttendedOutcome;
  recordedAt: string;
}

export class AppointmentNotAttendedV1Payload implements AppointmentNotAttendedV1 {
  @IsString() @Matches(OPAQUE_ID) appointmentId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsIn(APPOINTMENT_PURPOSES) purpose!: AppointmentPurpose;
  @IsInstant() startsAt!: string;
  @IsIn(NOT_ATTENDED_OUTCOMES) outcome!: NotAttendedOutcome;
  @IsInstant() recordedAt!: string;
}

export const AppointmentNotAttendedV1Contract = defineContract<AppointmentNotAttendedV1>({
  type: 'scheduling.appointment-not-attended',
  version: 1,
  producer: 'scheduling',
  payload: AppointmentNotAttendedV1Payload,
  description: 'The person did not attend an appointment, or arrived too late to be seen.',
});
