import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, etagOf } from '@stepwell/http';
import { ReferralView } from '../get-referral/referral.view';
import type { HeaderSink } from '../header-sink';
import { REFERRAL_ROLES } from '../referral-roles';
import { checkIdempotencyKey } from './idempotency-key';
import { referralFormOf } from './referral-form';
import { ReceiveReferralHandler } from './receive-referral.handler';
import { ReceiveReferralRequest } from './receive-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReceiveReferralController {
  constructor(private readonly handler: ReceiveReferralHandler) {}

  @Post()
  @Roles(...REFERRAL_ROLES)
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key returns the first result and creates nothing new.',
  })
  @ApiCreatedResponse({ type: ReferralView, description: 'Received; Location names the referral, ETag its revision; the body names the patient subject id.' })
  async receive(
    @Body() body: ReceiveReferralRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    checkIdempotencyKey(idempotencyKey);
    const actor = actorOf(principal, REFERRAL_ROLES);
    // The referrer is the caller's organisation when a professional there sends it; a referral keyed in by the
    // receiving service itself (an admin typing up a letter) leaves the referrer unknown.
    const referrer =
      body.source !== 'self' && actor.role !== 'admin' && principal.organisationId !== body.receivingOrganisation ? principal.organisationId : null;
    const result = await this.handler.handle(referralFormOf(body, body.source, referrer), {
      correlationId,
      actor,
      scope: principal.organisationId,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    response.setHeader('Location', `/referrals/${result.view.id}`);
    response.setHeader('ETag', etagOf(result.revision));
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }
}
