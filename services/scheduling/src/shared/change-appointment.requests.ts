import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CANCELLATION_REASONS, CANCELLED_BY, MAX_ATTENDED_MINUTES, type CancellationReason, type CancelledBy } from '../domain';
import { OPAQUE_ID } from '@stepwell/contracts';

export class AppointmentIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  id!: string;
}

export class CancelAppointmentRequest {
  @ApiProperty({ enum: CANCELLED_BY })
  @IsIn(CANCELLED_BY)
  cancelledBy!: CancelledBy;

  @ApiProperty({ enum: CANCELLATION_REASONS, description: 'A code, never free text' })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;
}

export class RescheduleAppointmentRequest {
  @ApiProperty({ description: 'The free slot the appointment moves to' })
  @Matches(OPAQUE_ID)
  slotId!: string;

  @ApiProperty({ enum: CANCELLED_BY, description: 'Who asked for the move' })
  @IsIn(CANCELLED_BY)
  requestedBy!: CancelledBy;
}

export const ATTENDANCE_OUTCOMES = ['attended', 'did-not-attend', 'arrived-late-not-seen'] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

export class RecordAttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES })
  @IsIn(ATTENDANCE_OUTCOMES)
  outcome!: AttendanceOutcome;

  @ApiPropertyOptional({ description: 'Minutes seen; required when attended' })
  @ValidateIf((body: RecordAttendanceRequest) => body.outcome === 'attended' || body.durationMinutes !== undefined)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ATTENDED_MINUTES)
  durationMinutes?: number;
}
