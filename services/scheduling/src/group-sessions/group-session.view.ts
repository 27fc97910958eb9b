import { ApiProperty } from '@nestjs/swagger';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, type AppointmentMode, type AppointmentPurpose, type GroupSessionState } from '../domain';

/** A group session and how full it is; who holds the places is patient data and is not listed here. */
export class GroupSessionView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['Scheduled', 'Cancelled'] }) status!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ type: [String] }) facilitatorIds!: string[];
  @ApiProperty() site!: string;
  @ApiProperty() programmeCode!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() placesBooked!: number;
  @ApiProperty() placesLeft!: number;
  @ApiProperty({ enum: APPOINTMENT_MODES }) mode!: AppointmentMode;
  @ApiProperty({ enum: APPOINTMENT_PURPOSES }) purpose!: AppointmentPurpose;
}

export function toGroupSessionView(state: Exclude<GroupSessionState, { status: 'Unscheduled' }>): GroupSessionView {
  const s = state.session;
  const booked = Object.values(state.places).filter((p) => p.status === 'booked').length;
  return {
    id: s.groupSessionId,
    status: state.status,
    organisation: s.organisationId,
    facilitatorIds: s.facilitatorIds,
    site: s.siteId,
    programmeCode: s.programmeCode,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    placesBooked: booked,
    placesLeft: Math.max(0, s.capacity - booked),
    mode: s.mode,
    purpose: s.purpose,
  };
}
