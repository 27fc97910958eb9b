import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { pageQueryWith } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../domain';

export class WorklistParams extends pageQueryWith() {
  @ApiProperty({ example: 'PCP01', description: 'The caller’s own organisation (either side of its consultations)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: CONSULTATION_STATUSES })
  @IsOptional()
  @IsIn(CONSULTATION_STATUSES)
  status?: ConsultationStatus;

  @ApiPropertyOptional({ description: 'User id of the specialist it is assigned to' })
  @IsOptional()
  @Matches(OPAQUE_ID, { message: 'assignedTo must be a user id' })
  assignedTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only consultations whose due time passed unanswered (true) or not (false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  breach?: 'true' | 'false';
}
