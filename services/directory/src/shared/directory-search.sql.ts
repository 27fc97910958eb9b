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
  /** iCal weekday (MO…SU): services with a schedule meeting on it (every week or some weeks). */
  day?: string;
  /** Local HH:MM: services with a scheduled window overlapping start_time–end_time (either may be missing). */
  start_time?: string;
  end_time?: string;
  /** London date: schedules that ended before it are not counted (set with day/start_time/end_time). */
  today?: string;
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
  if (filter.day !== undefined || filter.start_time !== undefined || filter.end_time !== undefined) where.push(scheduleCondition(filter, add));
  return where;
}

/**
 * ORUK `day` / `start_time` / `end_time`: a schedule of the service (its own or a service_at_location's) that can be
 * evaluated (`freq` WEEKLY or MONTHLY, with `opens_at` and `closes_at`), has not ended (`valid_to`, `until`), meets
 * on the weekday (in `byday`, with or without an occurrence such as 2MO; a monthly rule by `bymonthday` meets on
 * every weekday in some month; a weekly rule without `byday` on the weekday of its `dtstart`) and whose hours overlap
 * the range (local wall times; a window closing at or before it opens runs to midnight). A weekly pattern: holiday
 * schedules and bank holidays do not remove a weekday (they are in the service's `stepwell_opening`).
 */
function scheduleCondition(filter: ServiceFilter, add: (value: unknown) => string): string {
  const conditions = [
    `sch->>'freq' IN ('WEEKLY', 'MONTHLY')`,
    `sch ? 'opens_at'`,
    `sch ? 'closes_at'`,
    `(sch->>'valid_to' IS NULL OR sch->>'valid_to' >= ${add(filter.today)})`,
    `(sch->>'until' IS NULL OR sch->>'until' >= ${add(filter.today)})`,
  ];
  if (filter.day !== undefined) {
    const day = add(filter.day);
    const isoDay = add(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(filter.day) + 1);
    conditions.push(`(sch->>'byday' ~ ('(^|,)[+-]?[0-9]?' || ${day} || '(,|$)')
      OR (sch->>'byday' IS NULL AND sch->>'freq' = 'MONTHLY' AND sch ? 'bymonthday')
      OR (sch->>'byday' IS NULL AND sch->>'freq' = 'WEEKLY' AND sch ? 'dtstart' AND extract(isodow FROM (sch->>'dtstart')::date) = ${isoDay}))`);
  }
  if (filter.end_time !== undefined) conditions.push(`left(sch->>'opens_at', 5) < ${add(filter.end_time)}`);
  if (filter.start_time !== undefined) {
    conditions.push(`(CASE WHEN left(sch->>'closes_at', 5) <= left(sch->>'opens_at', 5) THEN '24:00' ELSE left(sch->>'closes_at', 5) END) > ${add(filter.start_time)}`);
  }
  return `EXISTS (SELECT 1 FROM ${D}."listings" sl,
      jsonb_array_elements(coalesce(sl.record->'schedules', '[]'::jsonb)
        || coalesce((SELECT jsonb_agg(x) FROM jsonb_array_elements(coalesce(sl.record->'service_at_locations', '[]'::jsonb)) sal_s,
                            jsonb_array_elements(coalesce(sal_s->'schedules', '[]'::jsonb)) x), '[]'::jsonb)) sch
     WHERE sl.kind = 'service' AND sl.id = s.id AND ${conditions.join(' AND ')})`;
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
