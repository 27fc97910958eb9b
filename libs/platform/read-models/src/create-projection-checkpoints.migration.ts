import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from './read-model-schema';


/**
 * A service schema's first table: where its projections record how far they have read the log. Every service lists
 * it first among its migrations. The class name and timestamp are those of the per-service copies it replaced, so a
 * schema that already applied one of them does not apply it again.
 */
export class CreateProjectionCheckpoints1763700000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${quotedSchema(runner)}."projection_checkpoints" (
        projection text PRIMARY KEY,
        version integer NOT NULL,
        position bigint NOT NULL DEFAULT -1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${quotedSchema(runner)}."projection_checkpoints"`);
  }
}
