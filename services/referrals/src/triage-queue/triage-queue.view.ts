import { ApiProperty } from '@nestjs/swagger';

export class TriageQueueItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  patientSubjectId!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty()
  source!: string;

  @ApiProperty()
  urgency!: string;

  @ApiProperty({ description: 'Crisis urgency or suicidal thoughts flagged: first in the queue' })
  urgentTriage!: boolean;

  @ApiProperty()
  possibleDuplicate!: boolean;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ description: 'Whole days since the referral was received' })
  daysWaited!: number;
}

export class TriageQueuePage {
  @ApiProperty({ type: [TriageQueueItem] })
  items!: TriageQueueItem[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}
