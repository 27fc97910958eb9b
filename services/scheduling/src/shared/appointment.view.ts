import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, type AppointmentMode, type AppointmentPurpose } from '../domain';

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'attended', 'did-not-attend', 'arrived-late-not-seen'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export class AppointmentView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Opaque patient subject id' }) patientSubjectId!: string;
  @ApiProperty() episodeId!: string;
  @ApiProperty() slotId!: string;
  @ApiProperty() clinicianId!: string;
  @ApiProperty({ description: 'ODS code' }) organisation!: string;
  @ApiProperty({ enum: APPOINTMENT_PURPOSES }) purpose!: AppointmentPurpose;
  @ApiProperty({ enum: APPOINTMENT_MODES }) mode!: AppointmentMode;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status!: AppointmentStatus;
  @ApiPropertyOptional({ nullable: true }) durationMinutes!: number | null;
}

export class AppointmentPage {
  @ApiProperty({ type: [AppointmentView] }) items!: AppointmentView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
