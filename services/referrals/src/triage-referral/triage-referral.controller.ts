import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, etagOf, revisionFromIfMatch } from '@stepwell/http';
import { ReferralIdParams } from '../get-referral/referral-id.params';
import { ReferralView } from '../get-referral/referral.view';
import type { HeaderSink } from '../header-sink';
import { TriageReferralHandler } from './triage-referral.handler';
import { TriageReferralRequest, triageDecisionOf } from './triage-referral.request';

const TRIAGE_ROLES = ['clinician'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class TriageReferralController {
  constructor(private readonly handler: TriageReferralHandler) {}

  @Post(':id/triage')
  @Roles(...TRIAGE_ROLES)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: ReferralView, description: 'Triaged (or the same decision again: nothing new is recorded).' })
  async triage(
    @Param() params: ReferralIdParams,
    @Body() body: TriageReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    const actor = actorOf(principal, TRIAGE_ROLES);
    const result = await this.handler.handle(params.id, triageDecisionOf(body), {
      correlationId,
      actor,
      principal,
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    response.setHeader('ETag', etagOf(result.revision));
    if (result.view.triage?.episodeId) response.setHeader('Content-Location', `/referrals/${result.view.id}`);
    return result.view;
  }
}
