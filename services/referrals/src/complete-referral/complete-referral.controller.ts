import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import { CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { ReferralIdParams } from '../shared/referral-id.params';
import { ReferralView } from '../shared/referral.view';
import { riskAnswersOf } from '../shared/referral-form';
import { REFERRAL_ROLES } from '../shared/referral-roles';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { CompleteReferralHandler } from './complete-referral.handler';
import { CompleteReferralRequest } from './complete-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class CompleteReferralController {
  constructor(private readonly handler: CompleteReferralHandler) {}

  @Post(':id/complete')
  // Owner-only: the referring organisation, or the receiving one before triage (ACCESS_POLICY `referral.complete`).
  @PatientAccess({ action: 'referral.complete', target: { type: 'referral', param: 'id' }, resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({
    type: ReferralView,
    description:
      'Completed: the missing answers (the referral’s `missingFields`) are recorded and the referral is whole (status Received), published as referral-received v1 and triaged as usual. The same answers again: 200, nothing new. Answers still missing: 400 problem naming each; changing an answer already given: 400 `invalid-completion`; an explicit no to consent: 400 `consent-required`; nothing written. Who: the referring organisation, or the receiving organisation before triage; 403 to other related organisations, 404 to strangers.',
  })
  async complete(
    @Param() params: ReferralIdParams,
    @Body() body: CompleteReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    const answers = {
      urgency: body.urgency ?? null,
      reason: body.reason ?? null,
      presentingProblems: body.presentingProblems == null ? null : [...body.presentingProblems],
      registeredGpPractice: body.registeredGpPractice ?? null,
      consentToShare: body.consentToShare ?? null,
      riskIndicators: riskAnswersOf(body.riskIndicators),
    };
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, REFERRAL_ROLES), (context) =>
      this.handler.handle(params.id, answers, context),
    );
  }
}
