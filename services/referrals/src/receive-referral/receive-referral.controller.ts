import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, RequestValidationError, etagOf } from '@stepwell/http';
import { ReferralView } from '../get-referral/referral.view';
import type { HeaderSink } from '../header-sink';
import { REFERRAL_ROLES } from '../referral-roles';
import { ReceiveReferralHandler } from './receive-referral.handler';
import { ReceiveReferralRequest } from './receive-referral.request';

// Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, hashes).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

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
  @ApiCreatedResponse({ type: ReferralView, description: 'Received; Location names the referral, ETag its revision.' })
  async receive(
    @Body() body: ReceiveReferralRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationError([
        { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 printable characters without spaces'] },
      ]);
    }
    const { source, receivingOrganisation, urgency, reason } = body;
    const result = await this.handler.handle(
      { source, receivingOrganisation, urgency, reason },
      { correlationId, actor: actorOf(principal, REFERRAL_ROLES), ...(idempotencyKey === undefined ? {} : { idempotencyKey }) },
    );
    response.setHeader('Location', `/referrals/${result.view.id}`);
    response.setHeader('ETag', etagOf(result.revision));
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }
}
