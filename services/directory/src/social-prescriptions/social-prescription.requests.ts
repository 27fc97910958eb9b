import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';
import { IsStrictDate, PageQuery } from '@stepwell/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  CONTACT_METHODS,
  DECLINE_REASONS,
  GOAL_PROGRESS,
  PROGRESS_STEPS,
  REFERRAL_SOURCES,
  WELLBEING_MEASURES,
  WHOLE_LIFE_TERMS,
  type ContactMethod,
  type DeclineReason,
  type GoalProgress,
  type ProgressStep,
  type ReferralSource,
  type WellbeingMeasureCode,
} from '../domain';

/** The whole-life domain codes a goal is recorded against (the directory's own vocabulary). */
export const WHOLE_LIFE_CODES = WHOLE_LIFE_TERMS.map((t) => String(t['code']));

export class ContactRouteRequest {
  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  method!: ContactMethod;

  @ApiProperty({ description: 'The number, email or address the person agreed to be contacted on' })
  @IsString()
  @Length(1, 300)
  value!: string;
}

export class PersonRequest {
  @ApiProperty({ description: 'The name the person wants to be called by (shared with the community organisation)' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: ContactRouteRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ContactRouteRequest)
  contact!: ContactRouteRequest;
}

/** A referral to the link worker, recorded by the link worker's organisation. */
export class CreateSocialPrescriptionRequest {
  @ApiProperty({ description: 'The person’s opaque subject id' })
  @IsString()
  @Matches(OPAQUE_ID)
  patient_subject_id!: string;

  @ApiProperty({ enum: REFERRAL_SOURCES })
  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;

  @ApiPropertyOptional({ description: 'ODS code of the referring organisation (required unless the person referred themselves)' })
  @IsOptional()
  @IsString()
  @Matches(ODS_CODE)
  source_organisation_id?: string;

  @ApiPropertyOptional({ description: 'The referrer’s own reference (an episode or consultation id)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  source_reference?: string;

  @ApiProperty({ type: PersonRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => PersonRequest)
  person!: PersonRequest;

  @ApiProperty({ description: 'Why the person was referred to the link worker (never shared with a community organisation)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ type: [String], description: 'ODS codes of the organisations the person agreed their details may be shared with' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(ODS_CODE, { each: true })
  consent_to_share_with!: string[];
}

export class Ons4ItemsRequest {
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() satisfied!: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() worthwhile!: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() happy!: number;
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() anxious!: number;
}

/** A wellbeing measure's reference and score: SWEMWBS `score` 7–35, or ONS4 `items` 0–10 each. */
export class WellbeingMeasureRequest {
  @ApiProperty({ enum: WELLBEING_MEASURES })
  @IsIn(WELLBEING_MEASURES)
  measure!: WellbeingMeasureCode;

  @ApiPropertyOptional({ minimum: 7, maximum: 35, description: 'SWEMWBS raw total' })
  @IsOptional()
  @IsInt()
  score?: number;

  @ApiPropertyOptional({ type: Ons4ItemsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => Ons4ItemsRequest)
  items?: Ons4ItemsRequest;

  @ApiPropertyOptional({ description: 'The outcomes service’s questionnaire response it was scored from' })
  @IsOptional()
  @IsString()
  @Matches(OPAQUE_ID)
  questionnaire_response_id?: string;

  @ApiProperty({ format: 'date' })
  @IsStrictDate('date')
  taken_on!: string;
}

export class GoalRequest {
  @ApiProperty({ description: 'The goal’s id within this prescription' })
  @IsString()
  @Matches(OPAQUE_ID)
  id!: string;

  @ApiProperty({ enum: WHOLE_LIFE_CODES, description: 'A whole-life domain' })
  @IsIn(WHOLE_LIFE_CODES)
  domain!: string;

  @ApiProperty({ description: 'In the person’s words' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ description: 'The person chose to share this goal with the community organisation' })
  @IsBoolean()
  share_with_community!: boolean;
}

export class WhatMattersRequest {
  @ApiProperty({ type: [GoalRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => GoalRequest)
  goals!: GoalRequest[];

  @ApiProperty({ type: WellbeingMeasureRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => WellbeingMeasureRequest)
  baseline!: WellbeingMeasureRequest;
}

export class CommunityReferralRequest {
  @ApiProperty({ description: 'A service listed in this directory' })
  @IsString()
  @Matches(OPAQUE_ID)
  service_id!: string;

  @ApiProperty({ description: 'What the referral asks of the community service' })
  @IsString()
  @Length(1, 2000)
  asks!: string;

  @ApiProperty({ type: [String], description: 'Ids of goals the person chose to share, to pass on' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  shared_goal_ids!: string[];

  @ApiPropertyOptional({ description: 'Safety notes the link worker chooses to pass on' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  safety_notes?: string;
}

export class DeclineRequest {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;
}

export class ProgressRequest {
  @ApiProperty({ enum: PROGRESS_STEPS })
  @IsIn(PROGRESS_STEPS)
  step!: ProgressStep;

  @ApiProperty({ format: 'date', description: 'The day it happened' })
  @IsStrictDate('date')
  on!: string;
}

export class GoalProgressRequest {
  @ApiProperty({ enum: GOAL_PROGRESS })
  @IsIn(GOAL_PROGRESS)
  progress!: GoalProgress;
}

export class FollowUpMeasureRequest {
  @ApiProperty({ type: WellbeingMeasureRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => WellbeingMeasureRequest)
  measure!: WellbeingMeasureRequest;
}

export class SocialPrescriptionIdParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  id!: string;
}

export class GoalParams extends SocialPrescriptionIdParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  goalId!: string;
}

/** What a link worker's caseload can be narrowed to: `auto-declined` lists the prescriptions whose last direct referral went unanswered for 14 days and that have not been referred elsewhere since (issue 17: the link worker is told). */
export const CASELOAD_ATTENTION = ['auto-declined'] as const;
export type CaseloadAttention = (typeof CASELOAD_ATTENTION)[number];

/** `GET /social-prescriptions`: the page, and optionally only what needs the link worker's attention. */
export class CaseloadQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASELOAD_ATTENTION, description: 'auto-declined: only prescriptions whose last direct referral was auto-declined and not yet referred elsewhere' })
  @IsOptional()
  @IsIn(CASELOAD_ATTENTION)
  attention?: CaseloadAttention;
}
