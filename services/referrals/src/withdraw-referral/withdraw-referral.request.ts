import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { WITHDRAWAL_REASONS, type WithdrawalReason } from '../domain/referral.vocabulary';

export class WithdrawReferralRequest {
  @ApiProperty({ enum: WITHDRAWAL_REASONS })
  @IsIn(WITHDRAWAL_REASONS)
  reason!: WithdrawalReason;
}
