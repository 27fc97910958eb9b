import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, type AppointmentMode, type AppointmentPurpose } from '../domain';
import { OPAQUE_ID } from '@stepwell/contracts';

export class BookAppointmentRequest {
  @ApiProperty({ description: 'Opaque patient subject id (never an NHS number or a name)' })
  @Matches(OPAQUE_ID, { message: 'patientSubjectId must be an opaque id of letters, digits, - and _' })
  patientSubjectId!: string;

  @ApiProperty({ description: 'The care episode (step) the appointment belongs to' })
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @ApiProperty()
  @Matches(OPAQUE_ID)
  slotId!: string;

  @ApiProperty({ enum: APPOINTMENT_PURPOSES })
  @IsIn(APPOINTMENT_PURPOSES)
  purpose!: AppointmentPurpose;

  @ApiProperty({ enum: APPOINTMENT_MODES })
  @IsIn(APPOINTMENT_MODES)
  mode!: AppointmentMode;
}
