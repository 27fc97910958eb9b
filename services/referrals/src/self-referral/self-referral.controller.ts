import { Body, Controller, Headers, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiProperty, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@stepwell/access';
import { CRISIS_INFORMATION, type CrisisInformation } from '@stepwell/contracts';
import { type AddressedRequest, ClientRateLimit, clientSubjectOf, CorrelationId, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { referralFormOf } from '../shared/referral-form';
import { ReceiveReferralHandler } from '../shared/receive-referral.handler';
import { ReferralFormRequest } from '../shared/receive-referral.request';
import { CrisisInformationOnRefusalFilter } from './crisis-information-on-refusal.filter';
import { DEFAULT_SELF_REFERRAL_RATE_LIMIT } from './self-referral-rate';

/** What the person is told: a reference, not their referral (they are not signed in). */
export class SelfReferralAcknowledgement {
  @ApiProperty({ format: 'uuid', description: 'Reference of the referral' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ description: 'The person will be contacted by text or email' })
  acknowledgement!: 'requested';

  @ApiProperty({
    nullable: true,
    description:
      'When "suicidal thoughts" was ticked: what to do now (NHS 111 option 2, Samaritans 116 123, 999), from the one versioned text in @stepwell/contracts; else null',
  })
  crisisInformation!: CrisisInformation | null;
}

@ApiTags('referrals')
@Controller('self-referrals')
// A refused form with suicidal thoughts ticked still shows the crisis information (issue 12 items 9–10).
@UseFilters(CrisisInformationOnRefusalFilter)
export class SelfReferralController {
  constructor(private readonly handler: ReceiveReferralHandler) {}

  @Post()
  @Public()
  // Per client address (seen through TRUSTED_PROXIES, an IPv6 client by its /64), shared by every instance.
  @ClientRateLimit({ bucket: 'self-referrals', rule: DEFAULT_SELF_REFERRAL_RATE_LIMIT, message: 'Too many self-referrals from this address; try again later.' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key creates nothing new.' })
  @ApiCreatedResponse({ type: SelfReferralAcknowledgement })
  @ApiTooManyRequestsResponse({ description: 'Too many self-referrals from this address (problem document, Retry-After).' })
  async selfRefer(
    @Body() body: ReferralFormRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: AddressedRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SelfReferralAcknowledgement> {
    idempotencyKeyOf(idempotencyKey);
    const address = clientSubjectOf(request);
    // No principal: the person refers themselves. The event records who acted as the public form, for the
    // organisation the form was addressed to.
    const actor = { userId: 'self-referral-form', organisationId: body.receivingOrganisation, role: 'patient' };
    const result = await this.handler.handle(referralFormOf(body, 'self', null), {
      correlationId,
      actor,
      scope: `self/${address}`,
      // Consents ticked on the form: the same events, in the same atomic write, as on POST /referrals.
      ...(body.consents === undefined ? {} : { consents: body.consents }),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    // The referral itself is read by the services in the person's care, not by the anonymous caller.
    response.setHeader('Location', `/referrals/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    // Issue 12 item 10: a person who ticks suicidal thoughts is told at once where to get help, not only triaged.
    const crisisInformation = body.riskIndicators?.suicidalThoughts === true ? CRISIS_INFORMATION : null;
    return { id: result.view.id, receivedAt: result.view.receivedAt, acknowledgement: 'requested', crisisInformation };
  }
}
