import { Body, Controller, Get, Headers, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { ApiIfMatch, CorrelationId, etagOf, type HeaderSink, type Page, runCommandCall } from '@stepwell/http';
import { offeringStreamId } from '../domain';
import { OFFERING_COMMANDS, type OfferingCommands } from '../shared/consultations-commands';
import type { ConsultationsErrorCode } from '../shared/consultations-error-mappings';
import { OFFERING_ADMIN_ROLES, OFFERING_READER_ROLES } from '../shared/consultations-roles';
import { ListOfferingsQuery } from './list-offerings.query';
import { offeringView, type OfferingView } from './offering.view';
import { PublishOfferingHandler } from './publish-offering.handler';
import { ListOfferingsParams, OrganisationIdParams, PublishOfferingRequest } from './publish-offering.request';

/** What consultation services offer (issue 16 item 1): no patient data, so roles only. */
@ApiTags('offerings')
@ApiBearerAuth()
@Controller('offerings')
export class OfferingsController {
  constructor(
    private readonly publish: PublishOfferingHandler,
    private readonly list: ListOfferingsQuery,
    @Inject(OFFERING_COMMANDS) private readonly offerings: OfferingCommands,
  ) {}

  @Put(':organisationId')
  @Roles(...OFFERING_ADMIN_ROLES)
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The offering as published, with its ETag' })
  put(
    @Param() params: OrganisationIdParams,
    @Body() body: PublishOfferingRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<OfferingView> {
    return runCommandCall(
      { ifMatch, correlationId, principal, response },
      (p) => actorOf(p, OFFERING_ADMIN_ROLES),
      (context) => this.publish.handle(params.organisationId, body, context),
    );
  }

  @Get()
  @Roles(...OFFERING_READER_ROLES)
  find(@Query() params: ListOfferingsParams): Promise<Page<OfferingView>> {
    return this.list.run(params);
  }

  @Get(':organisationId')
  @Roles(...OFFERING_READER_ROLES)
  async findOne(@Param() params: OrganisationIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<OfferingView> {
    const { state, revision } = await this.offerings.load(offeringStreamId(params.organisationId));
    if (state.status !== 'Published' || revision === null) throw new NotFoundError<ConsultationsErrorCode>('OFFERING_NOT_FOUND', 'No offering');
    response.setHeader('ETag', etagOf(revision));
    return offeringView(state.offering, state.publishedAt);
  }
}
