import { Body, Controller, Headers, HttpCode, Param, Post, Put, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import type { OrukKind, OrukRecord } from '../domain';
import { DIRECTORY_EDIT_ROLES } from '../shared/directory-roles';
import { checkedPathId } from '../shared/checked-path-id';
import { ListingWriter } from '../shared/listing-writer';


const SHAPE_NOTE: Record<OrukKind, string> = {
  organization: 'An ORUK 3.0 organization: name, description (required), email, website, logo, uri, parent_organization_id.',
  location:
    'An ORUK 3.0 location: location_type, name, description, latitude/longitude (decimal degrees, together), addresses[], accessibility[].',
  service:
    'An ORUK 3.0 service: organization_id, name, description, status (required); url, email, alert, minimum_age/maximum_age, assured_date, ' +
    'schedules[] (iCal RRULE fields), service_areas[], languages[], cost_options[], contacts[] (roles, never named people) with phones[], ' +
    'funding[], attributes[] (taxonomy_term_id links), service_at_locations[] (id, location_id).',
  taxonomy: 'An ORUK 3.0 taxonomy: name, description (required), uri, version.',
  taxonomy_term: 'An ORUK 3.0 taxonomy term: name, description, taxonomy_id (required), code, parent_id, term_uri.',
};

/**
 * The editor API of one kind of listing: `POST /<kind>` (create; `Idempotency-Key`) and `PUT /<kind>/{id}` (create or
 * replace the whole record; `If-Match`). Each change is one event; the same record again appends nothing. Only the
 * listing's owning organisation's `directory-editor` or a `directory-admin` (the access policy's `directory.edit`).
 */
function listingEditController(kind: OrukKind, path: string): Type<unknown> {
  @ApiTags('directory-editing')
  @ApiBearerAuth()
  @Controller(path)
  class ListingEditController {
    constructor(readonly writer: ListingWriter) {}

    @Post()
    @Roles(...DIRECTORY_EDIT_ROLES)
    @HttpCode(201)
    @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key lists nothing new and answers as the first time.' })
    @ApiBody({ schema: { type: 'object' }, description: `${SHAPE_NOTE[kind]} Without an id, one is made.` })
    @ApiCreatedResponse({ description: 'The listing as stored; Location and ETag headers. 400 names each bad field; 422 UNKNOWN_REFERENCE.' })
    create(
      @Body() body: unknown,
      @Headers('idempotency-key') key: string | undefined,
      @CorrelationId() correlationId: string,
      @CurrentPrincipal() principal: Principal,
      @Res({ passthrough: true }) response: HeaderSink,
    ): Promise<OrukRecord> {
      return runCommandCall({ idempotencyKey: key, correlationId, principal, response }, (who) => actorOf(who, DIRECTORY_EDIT_ROLES), (context) =>
        this.writer.record(kind, body, context),
      );
    }

    @Put(':id')
    @Roles(...DIRECTORY_EDIT_ROLES)
    @ApiIfMatch()
    @ApiBody({ schema: { type: 'object' }, description: `${SHAPE_NOTE[kind]} The whole record: a field left out is removed.` })
    @ApiOkResponse({ description: 'The listing as stored, with its ETag. 403 NOT_LISTING_OWNER for another organisation’s listing.' })
    replace(
      @Param('id') id: string,
      @Body() body: unknown,
      @Headers('if-match') ifMatch: string | undefined,
      @CorrelationId() correlationId: string,
      @CurrentPrincipal() principal: Principal,
      @Res({ passthrough: true }) response: HeaderSink,
    ): Promise<OrukRecord> {
      const checked = checkedPathId(id);
      return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, DIRECTORY_EDIT_ROLES), (context) =>
        this.writer.record(kind, body, context, checked),
      );
    }
  }
  Object.defineProperty(ListingEditController, 'name', { value: `${kind.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}EditController` });
  return ListingEditController;
}

export const OrganizationEditController = listingEditController('organization', 'organizations');
export const LocationEditController = listingEditController('location', 'locations');
export const ServiceEditController = listingEditController('service', 'services');
export const TaxonomyEditController = listingEditController('taxonomy', 'taxonomies');
export const TaxonomyTermEditController = listingEditController('taxonomy_term', 'taxonomy_terms');

export const LISTING_EDIT_CONTROLLERS = [
  OrganizationEditController,
  LocationEditController,
  ServiceEditController,
  TaxonomyEditController,
  TaxonomyTermEditController,
];
