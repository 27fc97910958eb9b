import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { defineContract } from '../../contract';
import type { AppointmentPurpose } from './vocabulary';
import { APPOINTMENT_PURPOSES } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * The person attended. `isTreatment` (purpose `treatment` or `assessment-and-treatment`): the first such one
 * stops the referral's waiting clock, and each counts as a treatment session.
 */
export interface AppointmentAttendedV1 {
  appointmentId: string;
  episodeId: string;
  organisationId: string;
  purpose: AppointmentPurpose;
  startsAt: string;
  durationMinutes: number;
  isTreatment: boolean;
  attendedAt: string;
}

export class AppointmentAttendedV1Payload implements AppointmentAttendedV1 {
  @IsString() @Matches(OPAQUE_ID) appointmentId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsIn(APPOINTMENT_PURPOSES) purpose!: AppointmentPurpose;
  @IsInstant() startsAt!: string;
  @IsInt() @Min(1) @Max(600) durationMinutes!: number;
  @IsBoolean() isTreatment!: boolean;
  @IsInstant() attendedAt!: string;
}

export const AppointmentAttendedV1Contract = defineContract<AppointmentAttendedV1>({
  type: 'scheduling.appointment-attended',
  version: 1,
  producer: 'scheduling',
  payload: AppointmentAttendedV1Payload,
  description: 'The person attended an appointment.',
});
