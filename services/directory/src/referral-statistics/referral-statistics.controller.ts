import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Role, Roles } from '@stepwell/access';
import { CLOCK, type Clock } from '@stepwell/http';
import { checkedPathId } from '../shared/checked-path-id';
import { type ReferralStatistics, ReferralStatisticsQuery, SUPPRESS_UNDER } from './referral-statistics.query';

/** Who refers to community services and reads how they answer: link workers, referrers, clinicians, administrators. */
const REFERRER_ROLES: readonly Role[] = ['link-worker', 'referrer', 'clinician', 'admin'];

@ApiTags('social-prescriptions')
@ApiBearerAuth()
@Controller('services')
export class ReferralStatisticsController {
  constructor(
    private readonly statistics: ReferralStatisticsQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/referral-statistics')
  @Roles(...REFERRER_ROLES)
  @ApiOkResponse({
    description: `For referrers choosing a service: usual days to reply, share accepted (the last year's direct referrals; null under ${SUPPRESS_UNDER}), current wait and places free (the provider's report). Aggregates only, no patient data.`,
  })
  of(@Param('id') id: string): Promise<ReferralStatistics> {
    return this.statistics.of(checkedPathId(id), this.clock.now());
  }
}
