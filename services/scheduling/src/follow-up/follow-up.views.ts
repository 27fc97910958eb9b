import { ApiProperty } from '@nestjs/swagger';

export class FollowUpTaskView {
  @ApiProperty() id!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty() episodeId!: string;
  @ApiProperty({ description: 'The missed appointment' }) appointmentId!: string;
  @ApiProperty({ description: 'Europe/London date: 2 working days after the DNA was recorded' }) dueOn!: string;
  @ApiProperty({ enum: ['open', 'completed'] }) status!: string;
  @ApiProperty() attempts!: number;
}

export class FollowUpTaskPage {
  @ApiProperty({ type: [FollowUpTaskView] }) items!: FollowUpTaskView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class EngagementReviewView {
  @ApiProperty() id!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty() episodeId!: string;
  @ApiProperty() consecutiveMissed!: number;
  @ApiProperty() raisedAt!: string;
}

export class EngagementReviewPage {
  @ApiProperty({ type: [EngagementReviewView] }) items!: EngagementReviewView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
