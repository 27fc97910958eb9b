import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import { CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { ReferralIdParams } from '../shared/referral-id.params';
import { ReferralView } from '../shared/referral.view';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { VerifyIdentityHandler } from './verify-identity.handler';
import { VerifyIdentityRequest } from './verify-identity.request';

const VERIFIER_ROLES = ['clinician', 'admin'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class VerifyIdentityController {
  constructor(private readonly handler: VerifyIdentityHandler) {}

  @Post(':id/identity-verification')
  // Owner-only: the receiving organisation's clinicians and admins (ACCESS_POLICY `referral.verify-identity`).
  @PatientAccess({ action: 'referral.verify-identity', target: { type: 'referral', param: 'id' }, resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({
    type: ReferralView,
    description:
      'The person a self-referral names is verified (hazard H-A1): until then the receiving organisation and the provider of the episode it opened see that referral and episode only, never the person’s wider journey, other episodes, scores or appointments. Verified once is verified (a repeat records nothing). Who: clinicians and admins of the receiving organisation; 403 to other related organisations, 404 to strangers; 409 for a referral sent by an organisation (nothing to verify).',
  })
  async verify(
    @Param() params: ReferralIdParams,
    @Body() body: VerifyIdentityRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, VERIFIER_ROLES), (context) =>
      this.handler.handle(params.id, body.method, context),
    );
  }
}
