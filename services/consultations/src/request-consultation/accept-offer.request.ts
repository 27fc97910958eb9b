import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_URGENCIES, type ConsentNotNeededReason, type ConsultationMode, type ConsultationUrgency } from '../domain';
import { SharedContextRequest } from './request-consultation.request';

/**
 * Accepting an offer of consultation: the request it creates is pre-filled with the offer's person and the measures
 * it refers to; the clinician adds what only they can say (the service asked, the question, the context, consent).
 */
export class AcceptOfferRequest {
  @ApiProperty({ example: 'PCP01', description: 'ODS code of the consultation service asked (it must publish an offering)' })
  @IsString()
  @Matches(ODS_CODE, { message: 'consultationService must be an ODS code (3 to 10 capital letters or digits)' })
  consultationService!: string;

  @ApiProperty({ enum: ['recorded', 'not-needed'], description: 'The patient agreed to the consultation, or consent was not needed' })
  @IsIn(['recorded', 'not-needed'])
  consent!: 'recorded' | 'not-needed';

  @ApiPropertyOptional({ enum: CONSENT_NOT_NEEDED_REASONS, description: 'Required when consent is not-needed' })
  @IsOptional()
  @IsIn(CONSENT_NOT_NEEDED_REASONS)
  consentNotNeededBecause?: ConsentNotNeededReason;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  question!: string;

  @ApiProperty({ type: SharedContextRequest })
  @ValidateNested()
  @Type(() => SharedContextRequest)
  context!: SharedContextRequest;

  @ApiPropertyOptional({ type: [String], description: 'Measure ids to share (references); left out: the measures the offer refers to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(OPAQUE_ID, { each: true, message: 'each sharedMeasureIds entry must be an id of letters, digits, - and _' })
  sharedMeasureIds?: string[];

  @ApiProperty({ enum: CONSULTATION_URGENCIES })
  @IsIn(CONSULTATION_URGENCIES)
  urgency!: ConsultationUrgency;

  @ApiProperty({ enum: CONSULTATION_MODES })
  @IsIn(CONSULTATION_MODES)
  preferredMode!: ConsultationMode;
}
