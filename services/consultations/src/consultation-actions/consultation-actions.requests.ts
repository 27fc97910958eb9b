import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsStrictDate } from '@stepwell/http';
import { ReferralDetailsRequest, StepChangeDetailsRequest } from '../shared/referral-details.requests';
import { ATTENDEE_ROLES, CALL_MODES, CONSULTATION_OUTCOMES, SPECIALISMS, type AttendeeRole, type CallMode, type ConsultationOutcome, type Specialism } from '../domain';

export class ConsultationIdParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'id must be a consultation id' })
  id!: string;
}

export class AcceptRequest {
  @ApiPropertyOptional({ description: 'User id of the specialist who takes it' })
  @IsOptional()
  @Matches(OPAQUE_ID, { message: 'assignTo must be a user id' })
  assignTo?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class AssignRequest {
  @ApiProperty({ description: 'User id of the specialist who takes it' })
  @Matches(OPAQUE_ID, { message: 'assignTo must be a user id' })
  assignTo!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class QuestionRequest {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  question!: string;
}

export class TextRequest {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class ReasonRequest {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class OptionalReasonRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class RedirectRequest extends ReasonRequest {
  @ApiProperty({ example: 'PCP02', description: 'ODS code of the consultation service to pass it to' })
  @Matches(ODS_CODE, { message: 'toService must be an ODS code' })
  toService!: string;
}

export class FormulationRequest {
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) presentingDifficulties!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) historyAndContext!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) maintainingFactors!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) strengths!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) risk!: string;
  @ApiProperty({ maxLength: 8000 }) @IsString() @Length(1, 8000) narrative!: string;
}

export class AnswerRequest {
  @ApiProperty({ type: FormulationRequest })
  @ValidateNested()
  @Type(() => FormulationRequest)
  formulation!: FormulationRequest;

  @ApiProperty({ maxLength: 8000 })
  @IsString()
  @Length(1, 8000)
  advice!: string;

  @ApiProperty({ enum: CONSULTATION_OUTCOMES })
  @IsIn(CONSULTATION_OUTCOMES)
  outcome!: ConsultationOutcome;

  @ApiProperty({ enum: SPECIALISMS, description: 'The answering specialist’s specialism (metrics by specialism, issue 16 item 8)' })
  @IsIn(SPECIALISMS)
  specialism!: Specialism;

  @ApiPropertyOptional({ type: ReferralDetailsRequest, description: 'Required when the outcome means a referral of an identified patient' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralDetailsRequest)
  referral?: ReferralDetailsRequest;

  @ApiPropertyOptional({ type: StepChangeDetailsRequest, description: 'Required when the outcome is step-change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StepChangeDetailsRequest)
  stepChange?: StepChangeDetailsRequest;
}

export class RatingRequest {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  usefulness!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class CallAttendeeRequest {
  @ApiProperty({ enum: ATTENDEE_ROLES })
  @IsIn(ATTENDEE_ROLES)
  role!: AttendeeRole;

  @ApiPropertyOptional({ description: 'ODS code of the attendee’s organisation (staff)' })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'User id of a member of staff (never a name)' })
  @IsOptional()
  @Matches(OPAQUE_ID, { message: 'userId must be a user id' })
  userId?: string;
}

export class BookCallRequest {
  @ApiProperty({ description: 'When the call starts (ISO 8601 instant)' })
  @IsStrictDate('date-time')
  startsAt!: string;

  @ApiProperty({ enum: CALL_MODES })
  @IsIn(CALL_MODES)
  mode!: CallMode;

  @ApiProperty({ type: [CallAttendeeRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CallAttendeeRequest)
  attendees!: CallAttendeeRequest[];
}
