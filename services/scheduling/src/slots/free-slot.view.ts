import { ApiProperty } from '@nestjs/swagger';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, CLINICIAN_ROLES, EMBARGOES } from '../domain';
import type { AppointmentMode, AppointmentPurpose, ClinicianRole, Embargo } from '../domain';

export class FreeSlotView {
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() clinicianId!: string;
  @ApiProperty({ enum: CLINICIAN_ROLES }) clinicianRole!: ClinicianRole;
  @ApiProperty({ type: [String] }) languages!: readonly string[];
  @ApiProperty() organisation!: string;
  @ApiProperty() site!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: EMBARGOES }) embargo!: Embargo;
  @ApiProperty({ enum: APPOINTMENT_MODES, isArray: true }) modes!: readonly AppointmentMode[];
  @ApiProperty({ enum: APPOINTMENT_PURPOSES, isArray: true }) purposes!: readonly AppointmentPurpose[];
}

export class FreeSlotPage {
  @ApiProperty({ type: [FreeSlotView] }) items!: FreeSlotView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
