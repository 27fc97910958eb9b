import { ApiProperty } from '@nestjs/swagger';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, EMBARGOES, type AppointmentMode, type AppointmentPurpose, type Embargo } from '../domain';

export class SessionSlotView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'UTC instant' }) startsAt!: string;
  @ApiProperty({ description: 'UTC instant' }) endsAt!: string;
}

export class SessionView {
  @ApiProperty() id!: string;
  @ApiProperty() clinicianId!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty() site!: string;
  @ApiProperty() date!: string;
  @ApiProperty() startTime!: string;
  @ApiProperty() endTime!: string;
  @ApiProperty({ description: 'UTC instant' }) startsAt!: string;
  @ApiProperty({ description: 'UTC instant' }) endsAt!: string;
  @ApiProperty() slotLengthMinutes!: number;
  @ApiProperty({ enum: APPOINTMENT_MODES, isArray: true }) modes!: AppointmentMode[];
  @ApiProperty({ enum: APPOINTMENT_PURPOSES, isArray: true }) purposes!: AppointmentPurpose[];
  @ApiProperty({ enum: EMBARGOES }) embargo!: Embargo;
  @ApiProperty({ type: [SessionSlotView] }) slots!: SessionSlotView[];
}
