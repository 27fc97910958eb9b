import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation registry read model (OrganisationRow). */
export class CreateOrganisationRegistry1764600000001 implements MigrationInterface {
  name = 'CreateOrganisationRegistry1764600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "${readModelSchema(runner)}"."organisation_registry" (
        code text PRIMARY KEY,
        name text NOT NULL,
        organisation_type text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${readModelSchema(runner)}"."organisation_registry"`);
  }
}
