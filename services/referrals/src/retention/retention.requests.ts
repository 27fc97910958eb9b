import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE } from '@stepwell/contracts';
import { PageQuery } from '@stepwell/http';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { DEATH_SOURCES, type DeathSource, REVIEW_DECISIONS, type ReviewDecision } from '../domain/retention/retention.decider';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASON_DESCRIPTION = 'Why, for the audit trail. It stays readable after the record is destroyed: do not repeat the person’s details.';

export class RetentionDueQuery extends PageQuery {
  @ApiProperty({ example: 'RXT01', description: 'ODS code of the caller’s own organisation' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;
}

export class DateOfDeathRequest {
  @ApiProperty({ example: '2030-02-03', description: 'The date of death (YYYY-MM-DD), not in the future' })
  @Matches(DATE, { message: 'diedOn must be a calendar date (YYYY-MM-DD)' })
  diedOn!: string;

  @ApiProperty({ enum: DEATH_SOURCES, description: 'Where the date comes from' })
  @IsIn(DEATH_SOURCES)
  source!: DeathSource;
}

export class LegalHoldRequest {
  @ApiProperty({ minLength: 10, maxLength: 1000, description: `The matter the record is held for (e.g. a claim or inquiry reference). ${REASON_DESCRIPTION}` })
  @IsString()
  @Length(10, 1000)
  reason!: string;
}

export class LegalHoldParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  holdId!: string;
}

export class RetentionReviewRequest {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: '`destroy`: shred the person’s keys (an erasure on basis Art. 17(1)(a)); `extend`: keep until `extendUntil`' })
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  @ApiProperty({ minLength: 10, maxLength: 1000, description: REASON_DESCRIPTION })
  @IsString()
  @Length(10, 1000)
  reason!: string;

  @ApiPropertyOptional({ example: '2031-01-01', description: 'Extension only: the new end of the period (after today)' })
  @IsOptional()
  @Matches(DATE, { message: 'extendUntil must be a calendar date (YYYY-MM-DD)' })
  extendUntil?: string;
}

export class LegalHoldView {
  @ApiProperty({ format: 'uuid' }) holdId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() placedByOrganisation!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) liftedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) liftReason!: string | null;
}

export class RetentionReviewView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision!: ReviewDecision;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) extendedUntil!: string | null;
  @ApiProperty({ description: 'The end of the period the review was taken against' }) dueOn!: string;
  @ApiProperty() reviewedByOrganisation!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
}

export class RetentionView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' })
  id!: string;

  @ApiProperty({ example: 'mental-health' })
  recordClass!: string;

  @ApiProperty({ description: 'Where the periods come from' })
  source!: string;

  @ApiProperty({ description: 'Care still open here (a referral awaiting triage or an episode not discharged): the period has not started' })
  inCare!: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'The last contact this service knows of (Europe/London date): the latest referral, triage decision or discharge' })
  lastContactOn!: string | null;

  @ApiProperty({ nullable: true, type: String })
  diedOn!: string | null;

  @ApiProperty({ nullable: true, type: String })
  extendedUntil!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The first day the record may be destroyed, after review (null while in care)' })
  dueOn!: string | null;

  @ApiProperty({ nullable: true, enum: ['last-contact', 'death', 'extension'], type: String })
  basis!: string | null;

  @ApiProperty({ description: 'The period has ended and the record awaits a review' })
  due!: boolean;

  @ApiProperty({ type: [LegalHoldView] })
  legalHolds!: LegalHoldView[];

  @ApiProperty({ type: [RetentionReviewView] })
  reviews!: RetentionReviewView[];

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  destroyedAt!: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'A destroy review: the erasure that shredded the person’s keys' })
  erasureId?: string;
}

export class RetentionPage {
  @ApiProperty({ type: [RetentionView] }) items!: RetentionView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
