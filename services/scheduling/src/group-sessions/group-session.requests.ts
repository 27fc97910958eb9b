import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsStrictDate } from '@stepwell/http';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  CANCELLATION_REASONS,
  CANCELLED_BY,
  MAX_GROUP_CAPACITY,
  MAX_ATTENDED_MINUTES,
  type AppointmentMode,
  type AppointmentPurpose,
  type CancellationReason,
  type CancelledBy,
} from '../domain';
import { ATTENDANCE_OUTCOMES, type AttendanceOutcome } from '../shared/change-appointment.requests';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';

export class ScheduleGroupSessionRequest {
  @ApiProperty({ example: 'A81001' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiProperty({ type: [String], description: 'Clinicians who run the group' })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(OPAQUE_ID, { each: true })
  facilitatorIds!: string[];

  @ApiProperty()
  @Matches(OPAQUE_ID)
  site!: string;

  @ApiProperty({ example: 'stress-control', description: 'Programme code from the service’s catalogue' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'programmeCode must be a lower-case code' })
  programmeCode!: string;

  @ApiProperty({ description: 'UTC instant' })
  @IsStrictDate('date-time')
  startsAt!: string;

  @ApiProperty({ description: 'UTC instant' })
  @IsStrictDate('date-time')
  endsAt!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_GROUP_CAPACITY })
  @IsInt()
  @Min(1)
  @Max(MAX_GROUP_CAPACITY)
  capacity!: number;

  @ApiProperty({ enum: APPOINTMENT_MODES })
  @IsIn(APPOINTMENT_MODES)
  mode!: AppointmentMode;

  @ApiProperty({ enum: APPOINTMENT_PURPOSES })
  @IsIn(APPOINTMENT_PURPOSES)
  purpose!: AppointmentPurpose;
}

export class GroupSessionIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  id!: string;
}

export class GroupPlaceParams extends GroupSessionIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  patientSubjectId!: string;
}

export class BookGroupPlaceRequest {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  patientSubjectId!: string;

  @ApiProperty()
  @Matches(OPAQUE_ID)
  episodeId!: string;
}

export class CancelGroupPlaceRequest {
  @ApiProperty({ enum: CANCELLED_BY })
  @IsIn(CANCELLED_BY)
  cancelledBy!: CancelledBy;

  @ApiProperty({ enum: CANCELLATION_REASONS })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;
}

export class GroupAttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES })
  @IsIn(ATTENDANCE_OUTCOMES)
  outcome!: AttendanceOutcome;

  @ApiPropertyOptional()
  @ValidateIf((body: GroupAttendanceRequest) => body.outcome === 'attended' || body.durationMinutes !== undefined)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ATTENDED_MINUTES)
  durationMinutes?: number;
}
