import { IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** An appointment moved to another slot, keeping its id; `startsAt`/`endsAt` are the new slot's. */
export interface AppointmentRescheduledV1 {
  appointmentId: string;
  episodeId: string;
  fromSlotId: string;
  toSlotId: string;
  organisationId: string;
  startsAt: string;
  endsAt: string;
  rescheduledAt: string;
}

export class AppointmentRescheduledV1Payload implements AppointmentRescheduledV1 {
  @IsString() @Matches(OPAQUE_ID) appointmentId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(OPAQUE_ID) fromSlotId!: string;
  @IsString() @Matches(OPAQUE_ID) toSlotId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsInstant() startsAt!: string;
  @IsInstant() endsAt!: string;
  @IsInstant() rescheduledAt!: string;
}

export const AppointmentRescheduledV1Contract = defineContract<AppointmentRescheduledV1>({
  type: 'scheduling.appointment-rescheduled',
  version: 1,
  producer: 'scheduling',
  payload: AppointmentRescheduledV1Payload,
  description: 'A booked appointment was moved to another slot.',
});
