import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service's schema, from the read-model data source (createReadModelDataSource always sets one). */
function schemaOf(runner: QueryRunner): string {
  const schema = (runner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('CreateProjectionCheckpoints1763700000000 runs only on a data source with a schema');
  return schema;
}

/**
 * A service schema's first table: where its projections record how far they have read the log. Every service lists
 * it first among its migrations. The class name and timestamp are those of the per-service copies it replaced, so a
 * schema that already applied one of them does not apply it again.
 */
export class CreateProjectionCheckpoints1763700000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "${schemaOf(runner)}"."projection_checkpoints" (
        projection text PRIMARY KEY,
        version integer NOT NULL,
        position bigint NOT NULL DEFAULT -1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}"."projection_checkpoints"`);
  }
}
