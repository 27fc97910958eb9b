import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ODS_CODE } from '@stepwell/contracts';

export const QUEUE_STATUSES = ['awaiting-triage', 'triaged', 'withdrawn'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** `page` from 1, `pageSize` 1–200 (default 50), from the shared `PageQuery`. */
export class TriageQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, default: 'awaiting-triage' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @ApiProperty({ example: 'RXT01', description: 'ODS code of the receiving organisation' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: ['routine', 'urgent', 'crisis'] })
  @IsOptional()
  @IsIn(['routine', 'urgent', 'crisis'])
  urgency?: 'routine' | 'urgent' | 'crisis';
}
