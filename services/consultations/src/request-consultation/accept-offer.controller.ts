import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import type { ConsultationView } from '../shared/consultation.view';
import { OfferIdParams } from '../shared/offer-id.params';
import { AcceptOfferHandler } from './accept-offer.handler';
import { AcceptOfferRequest } from './accept-offer.request';

/** Who accepts an offer: the offer's organisation's clinicians (who ask for consultations; the policy's `record.change`). */
const ACCEPT_OFFER_ROLES = ['clinician'] as const;

@ApiTags('consultation-offers')
@ApiBearerAuth()
@Controller('consultation-offers')
export class AcceptOfferController {
  constructor(private readonly acceptOffer: AcceptOfferHandler) {}

  @Post(':id/accept')
  @Roles(...ACCEPT_OFFER_ROLES)
  @HttpCode(201)
  @ApiIfMatch()
  @ApiCreatedResponse({ description: 'The consultation request the offer became, with Location and ETag' })
  accept(
    @Param() params: OfferIdParams,
    @Body() body: AcceptOfferRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsultationView> {
    return runCommandCall(
      { ifMatch, correlationId, principal, response },
      (p) => actorOf(p, ACCEPT_OFFER_ROLES),
      (context) => this.acceptOffer.handle(params.id, body, context),
    );
  }
}
