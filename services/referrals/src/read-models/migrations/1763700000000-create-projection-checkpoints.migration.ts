import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The referrals schema's first table: where its projections record how far they have read the log. */
export class CreateProjectionCheckpoints1763700000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "referrals"."projection_checkpoints" (
        projection text PRIMARY KEY,
        version integer NOT NULL,
        position bigint NOT NULL DEFAULT -1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "referrals"."projection_checkpoints"');
  }
}
