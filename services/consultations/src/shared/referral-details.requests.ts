import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CARE_STEPS,
  ODS_CODE,
  OPAQUE_ID,
  PRESENTING_PROBLEM_CODE,
  REFERRAL_CONSENT_OBTAINED_BY,
  REFERRAL_URGENCIES,
  type CareStep,
  type ReferralConsentObtainedBy,
  type ReferralUrgency,
} from '@stepwell/contracts';
import { IsStrictDate } from '@stepwell/http';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { CONSENT_NOT_NEEDED_REASONS, type ConsentNotNeededReason } from '../domain';

/*
 * What advice that means a referral or a step change carries (issue 16 items 5 and 6): a consultation's answer and
 * an MDT case's decision give the same referral and step-change details, so that referrals receives one shape.
 */

/** The referral's three risk questions, each answered yes or no by the specialist (a missing one is a 422 naming it). */
export class ReferralRiskAnswersRequest {
  @ApiProperty() @IsOptional() @IsBoolean() selfHarm?: boolean | null;
  @ApiProperty() @IsOptional() @IsBoolean() suicidalThoughts?: boolean | null;
  @ApiProperty() @IsOptional() @IsBoolean() harmToOthers?: boolean | null;
}

/** The specialist confirms the person agreed to the referral: who heard them agree, and when. */
export class ReferralConsentRequest {
  @ApiProperty({ description: 'Must be true: no referral is made without the person’s consent' })
  @IsOptional()
  @IsBoolean()
  personConsented?: boolean | null;

  @ApiProperty({ enum: REFERRAL_CONSENT_OBTAINED_BY })
  @IsOptional()
  @IsIn(REFERRAL_CONSENT_OBTAINED_BY)
  obtainedBy?: ReferralConsentObtainedBy | null;

  @ApiProperty({ example: '2026-11-20T10:15:00Z', description: 'When the person agreed (no later than the answer)' })
  @IsOptional()
  @IsStrictDate('date-time')
  obtainedAt?: string | null;
}

/** Where the referral goes, how urgently, and the intake's answers (consent apart: a consultation and an MDT differ). */
export class ReferralIntakeRequest {
  @ApiProperty({ example: 'RXT02', description: 'ODS code of the organisation the referral goes to' })
  @Matches(ODS_CODE, { message: 'receivingOrganisation must be an ODS code' })
  receivingOrganisation!: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @ApiPropertyOptional({ type: ReferralRiskAnswersRequest, description: 'Required for every referral outcome but direct-psychological-therapy (hazard H-CB1)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralRiskAnswersRequest)
  riskIndicators?: ReferralRiskAnswersRequest | null;

  @ApiPropertyOptional({ type: [String], example: ['low-mood', 'panic'], description: 'Codes (lower-case words joined by -), never a description; required as riskIndicators' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(PRESENTING_PROBLEM_CODE, { each: true, message: 'presentingProblems are codes such as low-mood, never a description' })
  presentingProblems?: string[] | null;
}

export class ReferralDetailsRequest extends ReferralIntakeRequest {
  @ApiPropertyOptional({ type: ReferralConsentRequest, description: 'Required as riskIndicators' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralConsentRequest)
  consent?: ReferralConsentRequest | null;
}

export class StepChangeDetailsRequest {
  @ApiProperty()
  @Matches(OPAQUE_ID, { message: 'episodeId must be an episode id' })
  episodeId!: string;

  @ApiProperty({ example: 'RXT01' })
  @Matches(ODS_CODE, { message: 'providingOrganisation must be an ODS code' })
  providingOrganisation!: string;

  @ApiProperty({ enum: CARE_STEPS })
  @IsIn(CARE_STEPS)
  proposedStep!: CareStep;
}

/** An MDT's consent to the referral: the confirmation a consultation gives, or the recognised reason it was not needed. */
export class MdtReferralConsentRequest extends ReferralConsentRequest {
  @ApiPropertyOptional({ enum: CONSENT_NOT_NEEDED_REASONS, description: 'Instead of a confirmation: why the person’s consent was not needed' })
  @IsOptional()
  @IsIn(CONSENT_NOT_NEEDED_REASONS)
  notNeededBecause?: ConsentNotNeededReason | null;
}

/** An MDT decision's referral: a consultation's, with the MDT's consent (confirmed, or why not needed). */
export class MdtReferralDetailsRequest extends ReferralIntakeRequest {
  @ApiPropertyOptional({ type: MdtReferralConsentRequest, description: 'Required as riskIndicators: a confirmation, or notNeededBecause' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MdtReferralConsentRequest)
  consent?: MdtReferralConsentRequest | null;
}
