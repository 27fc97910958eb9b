import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { IsStrictDate, pageQueryWith } from '@stepwell/http';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MdtReferralDetailsRequest, StepChangeDetailsRequest } from '../shared/referral-details.requests';
import { CONSULTATION_OUTCOMES, MDT_ATTENDEE_ROLES, type ConsultationOutcome, type MdtAttendeeRole } from '../domain';

export class MdtAttendeeRequest {
  @ApiProperty({ description: 'Staff user id (never a name)' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'userId must be a user id' })
  userId!: string;

  @ApiProperty({ enum: MDT_ATTENDEE_ROLES })
  @IsIn(MDT_ATTENDEE_ROLES)
  role!: MdtAttendeeRole;

  @ApiProperty({ example: 'A81001' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;
}

export class ScheduleMdtMeetingRequest {
  @ApiProperty({ description: 'When the meeting starts (ISO 8601 instant)' })
  @IsStrictDate('date-time')
  startsAt!: string;

  @ApiProperty({ maxLength: 200, description: 'The team (no person’s name)' })
  @IsString()
  @Length(1, 200)
  team!: string;

  @ApiProperty({ type: [MdtAttendeeRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MdtAttendeeRequest)
  attendees!: MdtAttendeeRequest[];
}

export class MdtPatientRequest {
  @ApiProperty({ description: 'The patient subject id (opaque; never an NHS number or a name)' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'subjectId must be an opaque id of letters, digits, - and _' })
  subjectId!: string;
}

export class AddMdtCaseRequest {
  @ApiPropertyOptional({ type: MdtPatientRequest, description: 'The identified patient; leave out for an anonymous case' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MdtPatientRequest)
  patient?: MdtPatientRequest;

  @ApiPropertyOptional({ description: 'true for an anonymous case (then no patient)' })
  @IsOptional()
  @Equals(true, { message: 'anonymous is true or left out' })
  anonymous?: true;

  @ApiProperty({ maxLength: 4000, description: 'What the presenting clinician asks the team' })
  @IsString()
  @Length(1, 4000)
  question!: string;
}

export class MdtDiscussionRequest {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  summary!: string;

  @ApiProperty({ enum: CONSULTATION_OUTCOMES, description: 'The decision, coded as a consultation’s outcome' })
  @IsIn(CONSULTATION_OUTCOMES)
  decision!: ConsultationOutcome;

  @ApiPropertyOptional({
    type: MdtReferralDetailsRequest,
    description: 'Required when the decision means a referral of an identified patient: where to, how urgently, the intake’s answers and the consent (or why it was not needed)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MdtReferralDetailsRequest)
  referral?: MdtReferralDetailsRequest;

  @ApiPropertyOptional({ type: StepChangeDetailsRequest, description: 'Required when the decision is step-change' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StepChangeDetailsRequest)
  stepChange?: StepChangeDetailsRequest;
}

export class MdtActionOwnerRequest {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'userId must be a user id' })
  userId!: string;

  @ApiProperty({ example: 'A81001' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;
}

export class AgreeMdtActionRequest {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  description!: string;

  @ApiProperty({ type: MdtActionOwnerRequest })
  @ValidateNested()
  @Type(() => MdtActionOwnerRequest)
  owner!: MdtActionOwnerRequest;

  @ApiProperty({ example: '2027-01-14', description: 'Europe/London date' })
  @IsStrictDate('date')
  dueDate!: string;
}

export class MdtMeetingParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'id must be a meeting id' })
  id!: string;
}

export class MdtCaseParams extends MdtMeetingParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'caseId must be a case id' })
  caseId!: string;
}

export class MdtActionParams extends MdtMeetingParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'actionId must be an action id' })
  actionId!: string;
}

export class MdtActionsParams extends pageQueryWith() {
  @ApiProperty({ example: 'A81001', description: 'The caller’s own organisation (actions its staff own)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ description: 'Only this owner’s (user id)' })
  @IsOptional()
  @Matches(OPAQUE_ID, { message: 'owner must be a user id' })
  owner?: string;

  @ApiPropertyOptional({ enum: ['open', 'done'], description: 'open (default): until done' })
  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';
}

export class MdtMeetingsParams extends pageQueryWith() {
  @ApiProperty({ example: 'PCP01', description: 'The caller’s own organisation (meetings it holds or attends)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ example: '2027-01-04', description: 'Meetings starting on or after this Europe/London date' })
  @IsOptional()
  @IsStrictDate('date')
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-31', description: 'Meetings starting on or before this Europe/London date (not before from)' })
  @IsOptional()
  @IsStrictDate('date')
  to?: string;
}
