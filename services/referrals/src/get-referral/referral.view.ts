import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReferralState } from '../domain/referral.decider';
import {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  WITHDRAWAL_REASONS,
  type ReferralSource,
  type ReferralUrgency,
  type WithdrawalReason,
} from '../domain/referral.vocabulary';

/** A referral as the API shows it: fields listed one by one, so that a new state field is never leaked by accident. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['Received', 'Withdrawn'] })
  status!: 'Received' | 'Withdrawn';

  @ApiProperty({ enum: REFERRAL_SOURCES })
  source!: ReferralSource;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the receiving organisation' })
  receivingOrganisation!: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  urgency!: ReferralUrgency;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  withdrawnAt?: string;

  @ApiPropertyOptional({ enum: WITHDRAWAL_REASONS })
  withdrawalReason?: WithdrawalReason;
}

export function toReferralView(state: Exclude<ReferralState, { status: 'None' }>): ReferralView {
  const view: ReferralView = {
    id: state.referralId,
    status: state.status,
    source: state.source,
    receivingOrganisation: state.receivingOrganisation,
    urgency: state.urgency,
    reason: state.reason,
    receivedAt: state.receivedAt,
  };
  if (state.status === 'Withdrawn') {
    view.withdrawnAt = state.withdrawnAt;
    view.withdrawalReason = state.withdrawalReason;
  }
  return view;
}
