import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ApiIfMatch, CLOCK, type Clock, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { REVIEW_INTERVAL_MONTHS, reviewedBefore, type OrukRecord } from '../domain';
import { DirectoryQueries } from '../shared/directory-queries';
import { DIRECTORY_EDIT_ROLES } from '../shared/directory-roles';
import { ListingWriter } from '../shared/listing-writer';
import { checkedPathId } from '../shared/checked-path-id';
import { ReportCapacityRequest } from './service-upkeep.requests';

/** Keeping a service's listing true: reviews, capacity, and the list of listings not reviewed for 12 months. */
@ApiTags('directory-editing')
@ApiBearerAuth()
@Controller()
export class ServiceUpkeepController {
  constructor(
    private readonly writer: ListingWriter,
    private readonly queries: DirectoryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('services/:id/review')
  @Roles(...DIRECTORY_EDIT_ROLES)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The listing was checked today: assured_date becomes today (one ServiceReviewed event; again today: nothing new).' })
  review(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<OrukRecord> {
    const checked = checkedPathId(id);
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, DIRECTORY_EDIT_ROLES), (context) =>
      this.writer.review(checked, context),
    );
  }

  @Put('services/:id/capacity')
  @Roles(...DIRECTORY_EDIT_ROLES)
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Places free and the current wait, shown as stepwell_capacity on the public service (one event per change).' })
  capacity(
    @Param('id') id: string,
    @Body() body: ReportCapacityRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<OrukRecord> {
    const checked = checkedPathId(id);
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, DIRECTORY_EDIT_ROLES), (context) =>
      this.writer.reportCapacity(checked, { placesFree: body.places_free, waitDays: body.wait_days }, context),
    );
  }

  @Get('directory/reviews-due')
  @Roles(...DIRECTORY_EDIT_ROLES)
  @ApiOkResponse({
    description: `Services not reviewed for ${REVIEW_INTERVAL_MONTHS} months (last assured_date, else the day listed): a directory editor sees its own organisation’s, a directory administrator every one.`,
  })
  async reviewsDue(@CurrentPrincipal() principal: Principal): Promise<{ reviewed_before: string; items: Array<{ id: string; name: string; owner: string; reviewed_on: string | null; listed_at: string }> }> {
    const today = this.clock.now().slice(0, 10);
    const before = reviewedBefore(today);
    const owner = principal.roles.includes('directory-admin') ? null : principal.organisationId;
    return { reviewed_before: before, items: await this.queries.reviewsDue(owner, before) };
  }
}
