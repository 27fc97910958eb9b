import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@stepwell/access';
import { OPAQUE_ID } from '@stepwell/contracts';
import { CLOCK, type Clock, RequestValidationError } from '@stepwell/http';
import { londonDate, type OrukRecord } from '../domain';
import { DirectoryQueries } from '../shared/directory-queries';
import type { ServiceFilter } from '../shared/directory-search.sql';
import type { OrukPage } from '../shared/oruk-page';
import { OrukPageQuery, ServiceSearchQuery, TaxonomyTermsQuery } from './oruk.queries';

const PAGE_DESCRIPTION =
  'ORUK 3.0 paging envelope: total_items, total_pages, page_number, size (entities in this page), first_page, last_page, empty, contents.';

function checkedId(id: string): string {
  if (!OPAQUE_ID.test(id)) throw new RequestValidationError([{ field: 'id', messages: ['id must be 1–64 letters, digits, - or _'] }]);
  return id;
}

function filterOf(query: ServiceSearchQuery, now: string): ServiceFilter {
  if ((query.lat === undefined) !== (query.lon === undefined)) {
    throw new RequestValidationError([{ field: query.lat === undefined ? 'lat' : 'lon', messages: ['lat and lon come together'] }]);
  }
  if (query.proximity !== undefined && query.lat === undefined) {
    throw new RequestValidationError([{ field: 'proximity', messages: ['proximity needs lat and lon (postcodes are not supported)'] }]);
  }
  if (query.start_time !== undefined && query.end_time !== undefined && query.end_time <= query.start_time) {
    throw new RequestValidationError([{ field: 'end_time', messages: ['end_time must be after start_time'] }]);
  }
  const text = query.text ?? query.search;
  const filter: ServiceFilter = {};
  if (text !== undefined && text.trim() !== '') filter.text = text.trim();
  for (const key of ['taxonomy_term_id', 'taxonomy_id', 'organization_id', 'minimum_age', 'maximum_age', 'age', 'modified_after', 'lat', 'lon', 'proximity', 'day', 'start_time', 'end_time'] as const) {
    if (query[key] !== undefined) (filter as Record<string, unknown>)[key] = query[key];
  }
  if (filter.day !== undefined || filter.start_time !== undefined || filter.end_time !== undefined) filter.today = londonDate(now).toString();
  return filter;
}

/**
 * The public Open Referral UK 3.0 API (OpenReferralUK/uk-profile schema/openapi.json): no token, CORS `*`, and
 * nothing personal in it — the records hold organisations, services and places, contacts are roles, never people.
 */
@ApiTags('open-referral-uk')
@Controller()
@Public()
export class OrukController {
  constructor(
    private readonly queries: DirectoryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'What this API is: the HSDS version, the ORUK profile and where its OpenAPI document is.' })
  about(): { version: string; profile: string; openapi_url: string } {
    return { version: '3.0', profile: 'https://openreferraluk.org', openapi_url: '/docs-json' };
  }

  @Get('services')
  @ApiOkResponse({ description: `${PAGE_DESCRIPTION} Each service with its one-to-one fields, last_modified, and distance (metres) with lat/lon.` })
  services(@Query() query: ServiceSearchQuery): Promise<OrukPage<OrukRecord>> {
    return this.queries.services(filterOf(query, this.clock.now()), query);
  }

  @Get('services/:id')
  @ApiOkResponse({ description: 'A fully nested service (organization, service_at_locations with location, attributes with taxonomy_term, stepwell_capacity, stepwell_opening: open now and the next opening in Europe/London).' })
  service(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.service(checkedId(id), this.clock.now());
  }

  @Get('service_at_locations')
  @ApiOkResponse({ description: `${PAGE_DESCRIPTION} Nearest first with lat/lon (index-served), with distance in metres.` })
  serviceAtLocations(@Query() query: ServiceSearchQuery): Promise<OrukPage<OrukRecord>> {
    return this.queries.serviceAtLocations(filterOf(query, this.clock.now()), query);
  }

  @Get('service_at_locations/:id')
  @ApiOkResponse({ description: 'A service_at_location with its fully nested service and its location.' })
  serviceAtLocation(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.serviceAtLocation(checkedId(id), this.clock.now());
  }

  @Get('organizations')
  @ApiOkResponse({ description: PAGE_DESCRIPTION })
  organizations(@Query() query: OrukPageQuery): Promise<OrukPage<OrukRecord>> {
    return this.queries.listings('organization', query);
  }

  @Get('organizations/:id')
  @ApiOkResponse({ description: 'An organization with its services (one-to-one fields).' })
  organization(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.organization(checkedId(id));
  }

  @Get('locations/:id')
  @ApiOkResponse({ description: 'A location (not an ORUK 3.0 endpoint; where editors read what they wrote).' })
  location(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.get('location', checkedId(id));
  }

  @Get('taxonomies')
  @ApiOkResponse({ description: PAGE_DESCRIPTION })
  taxonomies(@Query() query: OrukPageQuery): Promise<OrukPage<OrukRecord>> {
    return this.queries.listings('taxonomy', query);
  }

  @Get('taxonomies/:id')
  @ApiOkResponse({ description: 'A taxonomy.' })
  taxonomy(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.get('taxonomy', checkedId(id));
  }

  @Get('taxonomy_terms')
  @ApiOkResponse({ description: PAGE_DESCRIPTION })
  taxonomyTerms(@Query() query: TaxonomyTermsQuery): Promise<OrukPage<OrukRecord>> {
    return this.queries.listings('taxonomy_term', query, query.taxonomy_id === undefined ? {} : { taxonomy_id: query.taxonomy_id });
  }

  @Get('taxonomy_terms/:id')
  @ApiOkResponse({ description: 'A taxonomy term.' })
  taxonomyTerm(@Param('id') id: string): Promise<OrukRecord> {
    return this.queries.get('taxonomy_term', checkedId(id));
  }
}
