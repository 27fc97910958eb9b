import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_URGENCIES, type ConsentNotNeededReason, type ConsultationMode, type ConsultationUrgency } from '../domain';

export class ConsultationPatient {
  @ApiProperty({ description: 'The patient subject id (opaque; never an NHS number or a name)' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'subjectId must be an opaque id of letters, digits, - and _' })
  subjectId!: string;

  @ApiProperty({ enum: ['recorded', 'not-needed'], description: 'The patient agreed to the consultation, or consent was not needed' })
  @IsIn(['recorded', 'not-needed'])
  consent!: 'recorded' | 'not-needed';

  @ApiPropertyOptional({ enum: CONSENT_NOT_NEEDED_REASONS, description: 'Required when consent is not-needed' })
  @IsOptional()
  @IsIn(CONSENT_NOT_NEEDED_REASONS)
  consentNotNeededBecause?: ConsentNotNeededReason;
}

export class SharedContextRequest {
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) history!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) currentAndPastTreatment!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) medication!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(0, 4000) risk!: string;
}

export class RequestConsultationRequest {
  @ApiProperty({ example: 'PCP01', description: 'ODS code of the consultation service asked (it must publish an offering)' })
  @IsString()
  @Matches(ODS_CODE, { message: 'consultationService must be an ODS code (3 to 10 capital letters or digits)' })
  consultationService!: string;

  @ApiPropertyOptional({ type: ConsultationPatient, description: 'The identified patient; leave out for an anonymous case' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsultationPatient)
  patient?: ConsultationPatient;

  @ApiPropertyOptional({ description: 'true for an anonymous case (then no patient)' })
  @IsOptional()
  @Equals(true, { message: 'anonymous is true or left out' })
  anonymous?: true;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  question!: string;

  @ApiProperty({ type: SharedContextRequest })
  @ValidateNested()
  @Type(() => SharedContextRequest)
  context!: SharedContextRequest;

  @ApiProperty({ type: [String], description: 'Ids of outcome series or measures to share (references, never values)' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(OPAQUE_ID, { each: true, message: 'each sharedMeasureIds entry must be an id of letters, digits, - and _' })
  sharedMeasureIds!: string[];

  @ApiProperty({ enum: CONSULTATION_URGENCIES })
  @IsIn(CONSULTATION_URGENCIES)
  urgency!: ConsultationUrgency;

  @ApiProperty({ enum: CONSULTATION_MODES })
  @IsIn(CONSULTATION_MODES)
  preferredMode!: ConsultationMode;
}
