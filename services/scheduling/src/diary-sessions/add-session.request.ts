import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsInt, Matches } from 'class-validator';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  EMBARGOES,
  SLOT_LENGTHS_MINUTES,
  type AppointmentMode,
  type AppointmentPurpose,
  type Embargo,
} from '../domain';
import { OPAQUE_ID } from '@stepwell/contracts';

export class AddSessionRequest {
  @ApiProperty({ example: '2027-03-28', description: 'The day, in Europe/London' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: '09:00', description: 'Europe/London wall-clock time' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'startTime must be HH:MM' })
  startTime!: string;

  @ApiProperty({ example: '12:00', description: 'Europe/London wall-clock time' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'endTime must be HH:MM' })
  endTime!: string;

  @ApiProperty({ enum: SLOT_LENGTHS_MINUTES })
  @IsInt()
  @IsIn(SLOT_LENGTHS_MINUTES)
  slotLengthMinutes!: number;

  @ApiProperty({ enum: APPOINTMENT_MODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(APPOINTMENT_MODES, { each: true })
  modes!: AppointmentMode[];

  @ApiProperty({ example: 'site-1' })
  @Matches(OPAQUE_ID)
  site!: string;

  @ApiProperty({ enum: APPOINTMENT_PURPOSES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(APPOINTMENT_PURPOSES, { each: true })
  purposes!: AppointmentPurpose[];

  @ApiProperty({ enum: EMBARGOES, description: 'Held back for quick access: bookable only within this window of its start' })
  @IsIn(EMBARGOES)
  embargo!: Embargo;
}
