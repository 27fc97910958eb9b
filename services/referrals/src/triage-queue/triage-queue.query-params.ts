import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const QUEUE_STATUSES = ['awaiting-triage', 'triaged', 'withdrawn'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export class TriageQueueQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, default: 'awaiting-triage' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @ApiProperty({ example: 'RXT01', description: 'ODS code of the receiving organisation' })
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: ['routine', 'urgent', 'crisis'] })
  @IsOptional()
  @IsIn(['routine', 'urgent', 'crisis'])
  urgency?: 'routine' | 'urgent' | 'crisis';

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
