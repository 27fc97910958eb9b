import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, etagOf, revisionFromIfMatch } from '@stepwell/http';
import { ReferralIdParams } from '../get-referral/referral-id.params';
import { ReferralView } from '../get-referral/referral.view';
import type { HeaderSink } from '../header-sink';
import { REFERRAL_ROLES } from '../referral-roles';
import { WithdrawReferralHandler } from './withdraw-referral.handler';
import { WithdrawReferralRequest } from './withdraw-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class WithdrawReferralController {
  constructor(private readonly handler: WithdrawReferralHandler) {}

  @Post(':id/withdraw')
  @Roles(...REFERRAL_ROLES)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: ReferralView, description: 'Withdrawn (or already withdrawn: nothing new is recorded).' })
  async withdraw(
    @Param() params: ReferralIdParams,
    @Body() body: WithdrawReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const actor = actorOf(principal, REFERRAL_ROLES);
    const result = await this.handler.handle(
      params.id,
      body.reason,
      expectedRevision === undefined ? { correlationId, actor } : { correlationId, actor, expectedRevision },
    );
    response.setHeader('ETag', etagOf(result.revision));
    return result.view;
  }
}
