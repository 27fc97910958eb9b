import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import { CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { ReferralIdParams } from '../shared/referral-id.params';
import { ReferralView } from '../shared/referral.view';
import { REFERRAL_ROLES } from '../shared/referral-roles';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { WithdrawReferralHandler } from './withdraw-referral.handler';
import { WithdrawReferralRequest } from './withdraw-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class WithdrawReferralController {
  constructor(private readonly handler: WithdrawReferralHandler) {}

  @Post(':id/withdraw')
  // Owner-only: the referring organisation, or the receiving one before triage (ACCESS_POLICY `referral.withdraw`).
  @PatientAccess({ action: 'referral.withdraw', target: { type: 'referral', param: 'id' }, resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: ReferralView, description: 'Withdrawn (or already withdrawn: nothing new is recorded). Who: the referring organisation, or the receiving organisation before triage; 403 to other related organisations, 404 to strangers.' })
  async withdraw(
    @Param() params: ReferralIdParams,
    @Body() body: WithdrawReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, REFERRAL_ROLES), (context) =>
      this.handler.handle(params.id, body.reason, context),
    );
  }
}
