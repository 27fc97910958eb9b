import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 item 4: the directory services referrals knows of, kept from the directory's `directory.service-listed` and
 * `directory.service-capacity-reported` v1 events (the latest listing and the latest capacity report win; each
 * message once through the inbox). Triage's signpost is checked against it. Public listing data only: nothing
 * personal. Not a projection of referrals' own log: a rebuild of the read models leaves it alone.
 */
export class CreateDirectoryServices1765500000171 implements MigrationInterface {
  name = 'CreateDirectoryServices1765500000171';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${quotedSchema(runner)}."directory_services" (
        service_id text PRIMARY KEY,
        organization_id text,
        owner_organisation_id text,
        name text,
        status text,
        listed_at timestamptz,
        places_free integer,
        wait_days integer,
        capacity_reported_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${quotedSchema(runner)}."directory_services"`);
  }
}
