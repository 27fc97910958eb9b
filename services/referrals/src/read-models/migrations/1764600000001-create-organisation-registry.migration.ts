import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(runner: QueryRunner): string {
  const schema = (runner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('CreateOrganisationRegistry1764600000001 runs only on a data source with a schema');
  return schema;
}

/** The organisation registry read model (OrganisationRow). */
export class CreateOrganisationRegistry1764600000001 implements MigrationInterface {
  name = 'CreateOrganisationRegistry1764600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "${schemaOf(runner)}"."organisation_registry" (
        code text PRIMARY KEY,
        name text NOT NULL,
        organisation_type text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}"."organisation_registry"`);
  }
}
