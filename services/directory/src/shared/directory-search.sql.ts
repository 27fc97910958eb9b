import { chordOf, cubeLiteral, earthPoint } from '../domain';

const D = '"directory"';

/** The filters of `GET /services` and `GET /service_at_locations` (ORUK 3.0 names), already validated. */
export interface ServiceFilter {
  text?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  minimum_age?: number;
  maximum_age?: number;
  age?: number;
  modified_after?: string;
  lat?: number;
  lon?: number;
  proximity?: number;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** WHERE conditions on `s` (directory.services) for the filters; `params` grows as they are added. */
function serviceConditions(filter: ServiceFilter, params: unknown[]): string[] {
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.text !== undefined) {
    const p = add(`%${escapeLike(filter.text)}%`);
    where.push(`(s.name ILIKE ${p} OR s.description ILIKE ${p})`);
  }
  if (filter.taxonomy_term_id !== undefined) where.push(`${add(filter.taxonomy_term_id)} = ANY (s.taxonomy_term_ids)`);
  if (filter.taxonomy_id !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM ${D}."listings" t WHERE t.kind = 'taxonomy_term' AND t.id = ANY (s.taxonomy_term_ids) AND t.record->>'taxonomy_id' = ${add(filter.taxonomy_id)})`,
    );
  }
  if (filter.organization_id !== undefined) where.push(`s.organization_id = ${add(filter.organization_id)}`);
  // ORUK 3.0: "services with a minimum age of at least the specified value" / "a maximum age equal to or below it".
  if (filter.minimum_age !== undefined) where.push(`s.minimum_age >= ${add(filter.minimum_age)}`);
  if (filter.maximum_age !== undefined) where.push(`s.maximum_age <= ${add(filter.maximum_age)}`);
  // Stepwell's own: services whose age range includes this age (an open bound includes every age).
  if (filter.age !== undefined) {
    const p = add(filter.age);
    where.push(`(s.minimum_age IS NULL OR s.minimum_age <= ${p}) AND (s.maximum_age IS NULL OR s.maximum_age >= ${p})`);
  }
  if (filter.modified_after !== undefined) where.push(`s.modified_at >= ${add(filter.modified_after)}::timestamptz`);
  return where;
}

/** The centre as a cube parameter and the radius as a chord, when the filter has a point. */
function centreOf(filter: ServiceFilter, params: unknown[]): { centre: string; radius: string | null } | null {
  if (filter.lat === undefined || filter.lon === undefined) return null;
  params.push(cubeLiteral(earthPoint(filter.lat, filter.lon)));
  const centre = `$${params.length}::cube`;
  if (filter.proximity === undefined) return { centre, radius: null };
  params.push(chordOf(filter.proximity));
  return { centre, radius: `$${params.length}::float8` };
}

/**
 * One page of service_at_locations, nearest first when the filter has a point: `ORDER BY point <-> centre LIMIT n`
 * is served by the GiST index on `locations.point` (KNN), and a radius is the index's box test refined by distance.
 * The distance is the only sort key on purpose: a tie-breaker (`, sal.id`) stops PostgreSQL from reading the index
 * in order and makes it measure and sort every location (1.7 s instead of 1 ms at 100,000 locations). So rows at
 * exactly the same distance (several services at one place) come in no promised order, and paging across such a
 * tie may repeat or skip one of them.
 * Returns `chord` (straight-line metres; `surfaceDistanceOf` gives the distance along the surface).
 */
export function serviceAtLocationsPageSql(filter: ServiceFilter, limit: number, offset: number): SqlQuery {
  const params: unknown[] = [];
  const where = serviceConditions(filter, params);
  const near = centreOf(filter, params);
  if (near) {
    where.push('p.point IS NOT NULL');
    if (near.radius) where.push(`cube_enlarge(${near.centre}, ${near.radius}, 3) @> p.point`, `(p.point <-> ${near.centre}) <= ${near.radius}`);
  }
  params.push(limit, offset);
  const sql = `
    SELECT sal.id, sal.record, s.id AS service_id, sal.location_id, ${near ? `p.point <-> ${near.centre}` : 'NULL::float8'} AS chord
      FROM ${D}."locations" p
      JOIN ${D}."service_at_locations" sal ON sal.location_id = p.id
      JOIN ${D}."services" s ON s.id = sal.service_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${near ? `p.point <-> ${near.centre}` : 'sal.id'}
     LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params };
}

/** How many service_at_locations the same filter matches (the envelope's `total_items`). */
export function serviceAtLocationsCountSql(filter: ServiceFilter): SqlQuery {
  const params: unknown[] = [];
  const where = serviceConditions(filter, params);
  // Without a radius the centre does not change the count: only located rows are counted.
  if (filter.lat !== undefined) where.push('p.point IS NOT NULL');
  const near = filter.proximity === undefined ? null : centreOf(filter, params);
  if (near?.radius) where.push(`cube_enlarge(${near.centre}, ${near.radius}, 3) @> p.point`, `(p.point <-> ${near.centre}) <= ${near.radius}`);
  const sql = `
    SELECT count(*)::int AS total
      FROM ${D}."locations" p
      JOIN ${D}."service_at_locations" sal ON sal.location_id = p.id
      JOIN ${D}."services" s ON s.id = sal.service_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, params };
}

/**
 * One page of services with the total. With a point, a service's distance is that of its nearest location (an
 * aggregate over the locations within the radius: the radius is served by the index; without a radius every
 * located service is measured — the KNN path is `/service_at_locations`).
 */
export function servicesPageSql(filter: ServiceFilter, limit: number, offset: number, countOnly = false): SqlQuery {
  const params: unknown[] = [];
  const near = centreOf(filter, params);
  const where = serviceConditions(filter, params);
  let nearest = '';
  if (near) {
    const within = near.radius ? `AND cube_enlarge(${near.centre}, ${near.radius}, 3) @> p.point AND (p.point <-> ${near.centre}) <= ${near.radius}` : '';
    nearest = `JOIN (SELECT sal.service_id, min(p.point <-> ${near.centre}) AS chord
                       FROM ${D}."locations" p JOIN ${D}."service_at_locations" sal ON sal.location_id = p.id
                      WHERE p.point IS NOT NULL ${within}
                      GROUP BY sal.service_id) n ON n.service_id = s.id`;
  }
  if (countOnly) {
    return { sql: `SELECT count(*)::int AS total FROM ${D}."services" s ${nearest} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params };
  }
  params.push(limit, offset);
  const sql = `
    SELECT s.id, l.record, to_char(s.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified,
           ${near ? 'n.chord' : 'NULL::float8'} AS chord, count(*) OVER () AS total
      FROM ${D}."services" s
      JOIN ${D}."listings" l ON l.kind = 'service' AND l.id = s.id
      ${nearest}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${near ? 'n.chord, ' : ''}s.name, s.id
     LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params };
}
