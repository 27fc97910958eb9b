import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@stepwell/decider';
import { DataSource } from 'typeorm';
import { openingState, surfaceDistanceOf, type OrukKind, type OrukRecord } from '../domain';
import type { DirectoryErrorCode } from './directory-error-mappings';
import { serviceAtLocationsCountSql, serviceAtLocationsPageSql, servicesPageSql, type ServiceFilter } from './directory-search.sql';
import { offsetOf, orukPage, type OrukPage, type OrukPageRequest } from './oruk-page';
import { NOT_FOUND_CODE } from './listing-writer';

const D = '"directory"';
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** A service's one-to-one fields (ORUK `service_list`): no nested lists. */
const SERVICE_LIST_FIELDS = ['id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'alert', 'minimum_age', 'maximum_age', 'eligibility_description', 'assured_date'];

function pick(record: OrukRecord, fields: readonly string[]): OrukRecord {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (record[f] !== undefined) out[f] = record[f];
  return out as OrukRecord;
}

/** Metres along the surface, to the metre, from the index's chord. */
const metres = (chord: number | null): number | undefined => (chord === null ? undefined : Math.round(surfaceDistanceOf(chord)));

export interface Capacity {
  places_free: number;
  wait_days: number;
  updated: string;
}

/** What the whole directory is, as one ORUK JSON document (`GET /export`; `npm run directory:import` reads it back). */
export interface DirectoryFeed {
  version: '3.0';
  taxonomies: OrukRecord[];
  taxonomy_terms: OrukRecord[];
  organizations: OrukRecord[];
  locations: OrukRecord[];
  services: OrukRecord[];
}

/** The public read side of the directory (ORUK 3.0 API) and its export: SQL over the directory's read models. */
@Injectable()
export class DirectoryQueries {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async services(filter: ServiceFilter, page: OrukPageRequest): Promise<OrukPage<OrukRecord>> {
    const query = servicesPageSql(filter, page.per_page, offsetOf(page));
    const rows = (await this.db.query(query.sql, query.params)) as Array<{ record: OrukRecord; last_modified: string; chord: number | null; total: string }>;
    const total = rows[0] ? Number(rows[0].total) : await this.count(servicesPageSql(filter, 0, 0, true));
    return orukPage(
      rows.map((r) => ({ ...pick(r.record, SERVICE_LIST_FIELDS), last_modified: r.last_modified, ...(r.chord === null ? {} : { distance: metres(r.chord) }) }) as OrukRecord),
      page,
      total,
    );
  }

  /** A fully nested service: its organization, service_at_locations with their location, taxonomy terms, capacity. */
  async service(id: string, now: string): Promise<OrukRecord> {
    const [row] = (await this.db.query(
      `SELECT l.record, to_char(s.modified_at AT TIME ZONE 'UTC', ${ISO}) AS last_modified, s.places_free, s.wait_days,
              to_char(s.capacity_reported_at AT TIME ZONE 'UTC', ${ISO}) AS capacity_reported_at
         FROM ${D}."services" s JOIN ${D}."listings" l ON l.kind = 'service' AND l.id = s.id WHERE s.id = $1`,
      [id],
    )) as Array<{ record: OrukRecord; last_modified: string; places_free: number | null; wait_days: number | null; capacity_reported_at: string | null }>;
    if (!row) throw new NotFoundError<DirectoryErrorCode>('SERVICE_NOT_FOUND', 'No such service');
    const record = row.record;
    const organization = await this.find('organization', String(record['organization_id']));
    const sals = (record['service_at_locations'] as OrukRecord[] | undefined) ?? [];
    const locations = await this.findMany('location', sals.map((s) => String(s['location_id'])));
    const attributes = (record['attributes'] as OrukRecord[] | undefined) ?? [];
    const terms = await this.findMany('taxonomy_term', attributes.map((a) => String(a['taxonomy_term_id'])));
    return {
      ...record,
      last_modified: row.last_modified,
      ...(organization ? { organization } : {}),
      ...(sals.length ? { service_at_locations: sals.map((s) => ({ ...s, service_id: record.id, location: locations.get(String(s['location_id'])) })) } : {}),
      ...(attributes.length ? { attributes: attributes.map((a) => ({ ...a, link_id: record.id, link_entity: 'service', taxonomy_term: terms.get(String(a['taxonomy_term_id'])) })) } : {}),
      ...(row.places_free !== null && row.wait_days !== null && row.capacity_reported_at !== null
        ? { stepwell_capacity: { places_free: row.places_free, wait_days: row.wait_days, updated: row.capacity_reported_at } satisfies Capacity }
        : {}),
      stepwell_opening: openingState(record, now),
    };
  }

  async serviceAtLocations(filter: ServiceFilter, page: OrukPageRequest): Promise<OrukPage<OrukRecord>> {
    const query = serviceAtLocationsPageSql(filter, page.per_page, offsetOf(page));
    const rows = (await this.db.query(query.sql, query.params)) as Array<{ id: string; record: OrukRecord; service_id: string; location_id: string; chord: number | null }>;
    const total = await this.count(serviceAtLocationsCountSql(filter));
    const services = await this.findMany('service', rows.map((r) => r.service_id));
    const locations = await this.findMany('location', rows.map((r) => r.location_id));
    return orukPage(
      rows.map((r) => {
        const service = services.get(r.service_id);
        return {
          ...r.record,
          service_id: r.service_id,
          ...(service ? { service: pick(service, SERVICE_LIST_FIELDS) } : {}),
          location: locations.get(r.location_id),
          ...(r.chord === null ? {} : { distance: metres(r.chord) }),
        } as OrukRecord;
      }),
      page,
      total,
    );
  }

  async serviceAtLocation(id: string, now: string): Promise<OrukRecord> {
    const [row] = (await this.db.query(`SELECT record, service_id, location_id FROM ${D}."service_at_locations" WHERE id = $1`, [id])) as Array<{
      record: OrukRecord;
      service_id: string;
      location_id: string;
    }>;
    if (!row) throw new NotFoundError<DirectoryErrorCode>('SERVICE_AT_LOCATION_NOT_FOUND', 'No such service at location');
    return { ...row.record, service_id: row.service_id, service: await this.service(row.service_id, now), location: await this.find('location', row.location_id) } as OrukRecord;
  }

  /** An organization with its services' one-to-one fields. */
  async organization(id: string): Promise<OrukRecord> {
    const organization = await this.get('organization', id);
    const rows = (await this.db.query(
      `SELECT l.record FROM ${D}."services" s JOIN ${D}."listings" l ON l.kind = 'service' AND l.id = s.id WHERE s.organization_id = $1 ORDER BY s.name, s.id`,
      [id],
    )) as Array<{ record: OrukRecord }>;
    return { ...organization, services: rows.map((r) => pick(r.record, SERVICE_LIST_FIELDS)) };
  }

  /** A page of one kind of listing (organizations, taxonomies, taxonomy terms), by name then id. */
  async listings(kind: OrukKind, page: OrukPageRequest, filter: { taxonomy_id?: string } = {}): Promise<OrukPage<OrukRecord>> {
    const params: unknown[] = [kind];
    let where = 'kind = $1';
    if (filter.taxonomy_id !== undefined) {
      params.push(filter.taxonomy_id);
      where += ` AND record->>'taxonomy_id' = $${params.length}`;
    }
    params.push(page.per_page, offsetOf(page));
    const rows = (await this.db.query(
      `SELECT record, count(*) OVER () AS total FROM ${D}."listings" WHERE ${where}
        ORDER BY record->>'name', id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Array<{ record: OrukRecord; total: string }>;
    const total = rows[0] ? Number(rows[0].total) : await this.count({ sql: `SELECT count(*)::int AS total FROM ${D}."listings" WHERE ${where}`, params: params.slice(0, -2) });
    return orukPage(rows.map((r) => r.record), page, total);
  }

  /** One listing as published, or the kind's 404. */
  async get(kind: OrukKind, id: string): Promise<OrukRecord> {
    const found = await this.find(kind, id);
    if (!found) throw new NotFoundError<DirectoryErrorCode>(NOT_FOUND_CODE[kind], `No such ${kind}`);
    return found;
  }

  /** The whole directory as one ORUK document, each record as its editors last wrote it (plus reported capacity). */
  async exportFeed(): Promise<DirectoryFeed> {
    const all = async (kind: OrukKind): Promise<OrukRecord[]> =>
      ((await this.db.query(`SELECT record FROM ${D}."listings" WHERE kind = $1 ORDER BY id`, [kind])) as Array<{ record: OrukRecord }>).map((r) => r.record);
    const capacities = (await this.db.query(
      `SELECT id, places_free, wait_days, to_char(capacity_reported_at AT TIME ZONE 'UTC', ${ISO}) AS updated FROM ${D}."services" WHERE capacity_reported_at IS NOT NULL`,
    )) as Array<{ id: string; places_free: number; wait_days: number; updated: string }>;
    const capacityOf = new Map(capacities.map((c) => [c.id, { places_free: c.places_free, wait_days: c.wait_days, updated: c.updated } satisfies Capacity]));
    return {
      version: '3.0',
      taxonomies: await all('taxonomy'),
      taxonomy_terms: await all('taxonomy_term'),
      organizations: await all('organization'),
      locations: await all('location'),
      services: (await all('service')).map((s) => {
        const capacity = capacityOf.get(s.id);
        return capacity ? { ...s, stepwell_capacity: capacity } : s;
      }),
    };
  }

  /** Services whose last review (or listing, if never reviewed) is before `dueBefore`: owner's own, or all for `null`. */
  async reviewsDue(owner: string | null, reviewedBefore: string): Promise<Array<{ id: string; name: string; owner: string; reviewed_on: string | null; listed_at: string }>> {
    return (await this.db.query(
      `SELECT id, name, owner_organisation_id AS owner, to_char(reviewed_on, 'YYYY-MM-DD') AS reviewed_on, to_char(listed_at AT TIME ZONE 'UTC', ${ISO}) AS listed_at
         FROM ${D}."services"
        WHERE ($1::text IS NULL OR owner_organisation_id = $1) AND coalesce(reviewed_on, listed_at::date) < $2::date
        ORDER BY coalesce(reviewed_on, listed_at::date), id`,
      [owner, reviewedBefore],
    )) as Array<{ id: string; name: string; owner: string; reviewed_on: string | null; listed_at: string }>;
  }

  private async find(kind: OrukKind, id: string): Promise<OrukRecord | undefined> {
    const [row] = (await this.db.query(`SELECT record FROM ${D}."listings" WHERE kind = $1 AND id = $2`, [kind, id])) as Array<{ record: OrukRecord }>;
    return row?.record;
  }

  private async findMany(kind: OrukKind, ids: string[]): Promise<Map<string, OrukRecord>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.db.query(`SELECT id, record FROM ${D}."listings" WHERE kind = $1 AND id = ANY ($2)`, [kind, [...new Set(ids)]])) as Array<{ id: string; record: OrukRecord }>;
    return new Map(rows.map((r) => [r.id, r.record]));
  }

  private async count(query: { sql: string; params: unknown[] }): Promise<number> {
    const [row] = (await this.db.query(query.sql, query.params)) as Array<{ total: number }>;
    return Number(row?.total ?? 0);
  }
}
