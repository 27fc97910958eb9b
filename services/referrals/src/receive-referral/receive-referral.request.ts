import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  type ReferralSource,
  type ReferralUrgency,
} from '../domain/referral.vocabulary';

export class ReceiveReferralRequest {
  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'Who sent the referral' })
  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the organisation the referral is addressed to' })
  @IsString()
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'receivingOrganisation must be an ODS code (3 to 10 capital letters or digits)' })
  receivingOrganisation!: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @ApiProperty({ maxLength: 2000, description: "The referrer's reason for referral" })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
