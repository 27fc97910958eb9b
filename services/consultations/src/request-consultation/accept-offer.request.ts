import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { OPAQUE_ID } from '@stepwell/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { CONSENT_NOT_NEEDED_REASONS, type ConsentNotNeededReason } from '../domain';
import { RequestConsultationRequest } from './request-consultation.request';

/**
 * Accepting an offer of consultation: the request it creates is pre-filled with the offer's person and the measures
 * it refers to; the clinician adds what only they can say (the service asked, the question, the context, consent).
 * The fields it shares with `POST /consultations` are that request's own (one set of rules and messages).
 */
export class AcceptOfferRequest extends PickType(RequestConsultationRequest, ['consultationService', 'question', 'context', 'urgency', 'preferredMode'] as const) {
  @ApiProperty({ enum: ['recorded', 'not-needed'], description: 'The patient agreed to the consultation, or consent was not needed' })
  @IsIn(['recorded', 'not-needed'])
  consent!: 'recorded' | 'not-needed';

  @ApiPropertyOptional({ enum: CONSENT_NOT_NEEDED_REASONS, description: 'Required when consent is not-needed' })
  @IsOptional()
  @IsIn(CONSENT_NOT_NEEDED_REASONS)
  consentNotNeededBecause?: ConsentNotNeededReason;

  @ApiPropertyOptional({ type: [String], description: 'Measure ids to share (references); left out: the measures the offer refers to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(OPAQUE_ID, { each: true, message: 'each sharedMeasureIds entry must be an id of letters, digits, - and _' })
  sharedMeasureIds?: string[];
}
