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

  @ApiProperty({ nullable: true, type: String, description: 'null while an incomplete referral lacks it (it then ranks with crisis)' })
  urgency!: string | null;

  @ApiProperty({ description: 'Crisis urgency or suicidal thoughts flagged, or any risk answer on an incomplete referral: first in the queue' })
  urgentTriage!: boolean;

  @ApiProperty({ description: 'Received with required answers missing but a risk answer given (issue 12 item 9): the duty clinician acts on the risk now; the referrer completes it' })
  incomplete!: boolean;

  @ApiProperty({ type: [String], description: 'The required answers still missing (empty when complete)' })
  missingFields!: string[];

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
