import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  type ReferralSource,
  type ReferralUrgency,
} from '../domain/referral.vocabulary';
import { PatientRequest } from './patient.request';
import { ODS_CODE } from '@stepwell/contracts';

export class RiskIndicatorsRequest {
  @ApiProperty()
  @IsBoolean()
  selfHarm!: boolean;

  @ApiProperty()
  @IsBoolean()
  suicidalThoughts!: boolean;

  @ApiProperty()
  @IsBoolean()
  harmToOthers!: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Clinical notes on risk; never published or logged' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notes?: string;
}

/** The referral form shared by professionals (`POST /referrals`) and the public (`POST /self-referrals`). */
export class ReferralFormRequest {
  @ApiProperty({ type: PatientRequest })
  @IsDefined()
  // An object, never an array: `"patient": []` passed every nested rule and then failed with a 500.
  @IsObject()
  @ValidateNested()
  @Type(() => PatientRequest)
  patient!: PatientRequest;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the organisation the referral is addressed to' })
  @IsString()
  @Matches(ODS_CODE, { message: 'receivingOrganisation must be an ODS code (3 to 10 capital letters or digits)' })
  receivingOrganisation!: string;

  @ApiPropertyOptional({
    example: 'A81001',
    description:
      'The GP practice the person is registered with: its ODS code, or `not-registered`. Required unless a GP practice sends the referral (then it defaults to that practice).',
  })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(`^(${ODS_CODE.source.slice(1, -1)}|not-registered)$`), { message: 'registeredGpPractice must be an ODS code or not-registered' })
  registeredGpPractice?: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @ApiProperty({ maxLength: 2000, description: 'The reason for referral' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ type: [String], example: ['low-mood', 'anxiety'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  presentingProblems!: string[];

  @ApiProperty({ type: RiskIndicatorsRequest })
  @IsDefined()
  // An object, never an array: `[{ "suicidalThoughts": true }]` was stored as no risk at all (issue 12 item 11).
  @IsObject()
  @ValidateNested()
  @Type(() => RiskIndicatorsRequest)
  riskIndicators!: RiskIndicatorsRequest;

  @ApiProperty({ description: 'The person consents to the referral being shared with the services involved: must be true' })
  @Equals(true, { message: 'consentToShare must be true: a referral needs the person’s consent to share it' })
  consentToShare!: boolean;
}

export class ReceiveReferralRequest extends ReferralFormRequest {
  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'Who sent the referral' })
  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;
}
