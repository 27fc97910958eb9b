import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { REFILL_OFFER_POLICY } from '../access/visibility-policies';
import { CorrelationId } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, type AppointmentMode, type AppointmentPurpose } from '../domain';
import { OrganisationListParams } from '../shared/follow-up.requests';
import { BOOKING_ROLES } from '../shared/scheduling-roles';
import { RefillOffersService, type RefillOfferView } from './refill-offers.service';
import { OPAQUE_ID } from '@stepwell/contracts';

export class RefillOfferListParams extends OrganisationListParams {
  @ApiPropertyOptional({ enum: ['offered', 'accepted', 'declined', 'expired'] })
  @IsOptional()
  @IsIn(['offered', 'accepted', 'declined', 'expired'])
  status?: string;
}

export class OfferIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  id!: string;
}

export class AcceptOfferRequest {
  @ApiProperty({ enum: APPOINTMENT_PURPOSES })
  @IsIn(APPOINTMENT_PURPOSES)
  purpose!: AppointmentPurpose;

  @ApiProperty({ enum: APPOINTMENT_MODES })
  @IsIn(APPOINTMENT_MODES)
  mode!: AppointmentMode;
}

@ApiTags('refill-offers')
@ApiBearerAuth()
@Controller('refill-offers')
export class RefillOffersController {
  constructor(private readonly offers: RefillOffersService) {}

  @Get()
  @Roles(...BOOKING_ROLES)
  @PatientRecord({ resource: 'refill-offer', itemsField: 'items' })
  @Visibility(REFILL_OFFER_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ description: 'Freed slots offered to people waiting; expired offers have passed to the next person.' })
  list(@Query() params: RefillOfferListParams, @CurrentPrincipal() principal: Principal) {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    return this.offers.list(params);
  }

  @Post(':id/accept')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @PatientRecord({ resource: 'refill-offer' })
  @Visibility(REFILL_OFFER_POLICY)
  @ApiOkResponse({
    description:
      'Accepted for the person: the slot is booked for them. The offer, with `appointmentId` and `appointment` (the booking). ' +
      'Only the offering organisation (403 otherwise; 404 to a stranger). An audited read.',
  })
  accept(@Param() params: OfferIdParams, @Body() body: AcceptOfferRequest, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal) {
    return this.offers.accept(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal });
  }

  @Post(':id/decline')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @PatientRecord({ resource: 'refill-offer' })
  @Visibility(REFILL_OFFER_POLICY)
  @ApiOkResponse({ description: 'Declined: the slot is offered to the next person waiting. Only the offering organisation. An audited read.' })
  decline(@Param() params: OfferIdParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<RefillOfferView> {
    return this.offers.decline(params.id, { correlationId, principal });
  }
}
