import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { QuestionnaireAnswersRequest } from '../shared/record-response.request';
import { OPAQUE_ID } from '@stepwell/contracts';

export class InvitedQuestionnaireRequest {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  code!: string;

  @ApiPropertyOptional({ example: '1', description: 'Default: the latest version' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z.-]{1,16}$/)
  version?: string;
}

export class IssueInvitationRequest {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  patientSubjectId!: string;

  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(OPAQUE_ID)
  appointmentId?: string;

  @ApiProperty({ type: [InvitedQuestionnaireRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => InvitedQuestionnaireRequest)
  questionnaires!: InvitedQuestionnaireRequest[];
}

/** A patient's answers to one questionnaire of the invitation. */
export class LinkResponseRequest extends QuestionnaireAnswersRequest {}

export class SubmitInvitationRequest {
  @ApiProperty({ type: [LinkResponseRequest], description: 'One response to each questionnaire of the invitation' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LinkResponseRequest)
  responses!: LinkResponseRequest[];
}
