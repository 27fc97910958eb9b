import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { cubeLiteral, earthPoint, LISTING_CATEGORIES, type ChangedData, type ListedData, type ListingEvent, type OrukRecord } from '../domain';

const D = '"directory"';
export const DIRECTORY_PROJECTION_ID = 'directory.listings';
export const DIRECTORY_PROJECTION_VERSION = 1;

/**
 * Keeps the published directory from the listing streams (rows and checkpoint in one transaction, run by the
 * platform's ProjectionRunner): `listings` (each record as ORUK JSON), `services` (search columns), `locations`
 * (points for the proximity search) and `service_at_locations`. No side effects.
 */
@Injectable()
export class DirectoryProjection implements Projection {
  readonly name = DIRECTORY_PROJECTION_ID;
  readonly version = DIRECTORY_PROJECTION_VERSION;
  readonly handles = { categories: Object.values(LISTING_CATEGORIES) };

  async reset(manager: EntityManager): Promise<void> {
    for (const table of ['service_at_locations', 'locations', 'services', 'listings']) await manager.query(`DELETE FROM ${D}."${table}"`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as ListingEvent;
    switch (event.type) {
      case 'OrganizationListed':
      case 'LocationListed':
      case 'ServiceListed':
      case 'TaxonomyListed':
      case 'TaxonomyTermListed':
      case 'OrganizationChanged':
      case 'LocationChanged':
      case 'ServiceChanged':
      case 'TaxonomyChanged':
      case 'TaxonomyTermChanged':
        return this.record(manager, event.data);
      case 'ServiceReviewed':
        await manager.query(
          `UPDATE ${D}."listings" SET record = jsonb_set(record, '{assured_date}', to_jsonb($2::text)), modified_at = $3 WHERE kind = 'service' AND id = $1`,
          [event.data.id, event.data.reviewedOn, event.data.at],
        );
        await manager.query(`UPDATE ${D}."services" SET reviewed_on = $2, modified_at = $3 WHERE id = $1`, [event.data.id, event.data.reviewedOn, event.data.at]);
        return;
      case 'ServiceCapacityReported':
        await manager.query(
          `UPDATE ${D}."services" SET places_free = $2, wait_days = $3, capacity_reported_at = $4, modified_at = $5 WHERE id = $1`,
          [event.data.id, event.data.placesFree, event.data.waitDays, event.data.reportedAt, event.data.at],
        );
        await manager.query(`UPDATE ${D}."listings" SET modified_at = $2 WHERE kind = 'service' AND id = $1`, [event.data.id, event.data.at]);
        return;
      default:
        return;
    }
  }

  private async record(manager: EntityManager, data: ListedData | ChangedData): Promise<void> {
    const r = data.record;
    await manager.query(
      `INSERT INTO ${D}."listings" (kind, id, owner_organisation_id, record, listed_at, modified_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (kind, id) DO UPDATE SET record = EXCLUDED.record, owner_organisation_id = EXCLUDED.owner_organisation_id, modified_at = EXCLUDED.modified_at`,
      [data.kind, r.id, data.owner, JSON.stringify(r), data.at],
    );
    if (data.kind === 'location') await this.location(manager, r);
    if (data.kind === 'service') await this.service(manager, data, r);
  }

  private async location(manager: EntityManager, r: OrukRecord): Promise<void> {
    const lat = typeof r['latitude'] === 'number' ? r['latitude'] : null;
    const lon = typeof r['longitude'] === 'number' ? r['longitude'] : null;
    const point = lat !== null && lon !== null ? cubeLiteral(earthPoint(lat, lon)) : null;
    await manager.query(
      `INSERT INTO ${D}."locations" (id, latitude, longitude, point) VALUES ($1, $2, $3, $4::cube)
       ON CONFLICT (id) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, point = EXCLUDED.point`,
      [r.id, lat, lon, point],
    );
  }

  private async service(manager: EntityManager, data: ListedData | ChangedData, r: OrukRecord): Promise<void> {
    const terms = ((r['attributes'] as OrukRecord[] | undefined) ?? []).map((a) => String(a['taxonomy_term_id']));
    await manager.query(
      `INSERT INTO ${D}."services" (id, organization_id, owner_organisation_id, name, description, status, minimum_age, maximum_age,
                                    taxonomy_term_ids, reviewed_on, listed_at, modified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, owner_organisation_id = EXCLUDED.owner_organisation_id,
         name = EXCLUDED.name, description = EXCLUDED.description, status = EXCLUDED.status, minimum_age = EXCLUDED.minimum_age,
         maximum_age = EXCLUDED.maximum_age, taxonomy_term_ids = EXCLUDED.taxonomy_term_ids, reviewed_on = EXCLUDED.reviewed_on,
         modified_at = EXCLUDED.modified_at`,
      [
        r.id,
        r['organization_id'],
        data.owner,
        r['name'],
        r['description'],
        r['status'],
        r['minimum_age'] ?? null,
        r['maximum_age'] ?? null,
        terms,
        r['assured_date'] ?? null,
        data.at,
      ],
    );
    await manager.query(`DELETE FROM ${D}."service_at_locations" WHERE service_id = $1`, [r.id]);
    for (const sal of (r['service_at_locations'] as OrukRecord[] | undefined) ?? []) {
      await manager.query(
        `INSERT INTO ${D}."service_at_locations" (id, service_id, location_id, record) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET service_id = EXCLUDED.service_id, location_id = EXCLUDED.location_id, record = EXCLUDED.record`,
        [sal.id, r.id, sal['location_id'], JSON.stringify(sal)],
      );
    }
  }
}
