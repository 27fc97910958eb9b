import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { IsStrictDate } from '@stepwell/http';
import { OPAQUE_ID } from '@stepwell/contracts';

export class AnswerRequest {
  @ApiProperty({ example: 'phq9-1', description: 'The item answered (FHIR linkId)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  linkId!: string;

  @ApiProperty({ example: 2, description: 'The score of the option chosen' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

/** One questionnaire (catalogue code and version) and the answers given to it: a clinician's entry or a patient's link. */
export class QuestionnaireAnswersRequest {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  questionnaireCode!: string;

  @ApiProperty({ example: '1' })
  @IsString()
  @Matches(/^[0-9A-Za-z.-]{1,16}$/)
  questionnaireVersion!: string;

  @ApiProperty({ type: [AnswerRequest] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerRequest)
  answers!: AnswerRequest[];
}

export class RecordResponseRequest extends QuestionnaireAnswersRequest {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @ApiPropertyOptional({ description: 'The appointment the measure was taken for' })
  @IsOptional()
  @IsString()
  @Matches(OPAQUE_ID)
  appointmentId?: string;

  @ApiPropertyOptional({
    example: '2026-11-20T14:00:00Z',
    description:
      'When the measure was completed (the care contact). Default: the attended appointment\'s time when ' +
      '`appointmentId` names one, else now. Never after now; after discharge only on or before the discharge date.',
  })
  @IsOptional()
  @IsStrictDate('date-time')
  completedAt?: string;

  @ApiProperty({ enum: ['patient', 'clinician'] })
  @IsIn(['patient', 'clinician'])
  completedBy!: 'patient' | 'clinician';
}
