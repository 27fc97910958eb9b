import type { MigrationInterface, QueryRunner } from 'typeorm';

const schemaOf = (queryRunner: QueryRunner): string => (queryRunner.connection.driver as { schema?: string }).schema ?? 'public';
const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * The break-glass review queue as a small read model in the service's schema (issue 10): one row per grant, its
 * review, indexed by organisation, kept from the access category by `BreakGlassReview` (which catches it up from its
 * checkpoint before each answer), so a queue request costs what is new and the page asked for, not the whole trail.
 * Part of `CARE_RELATIONSHIP_MIGRATIONS`, which every service already runs.
 */
export class CreateBreakGlassQueue1764900000000 implements MigrationInterface {
  name = 'CreateBreakGlassQueue1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(schemaOf(queryRunner));
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS ${schema}."break_glass_grant" (
        "grant_id" text PRIMARY KEY,
        "position" bigint NOT NULL,
        "organisation_id" text NOT NULL,
        "item" jsonb NOT NULL,
        "review" jsonb NULL
      )`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "break_glass_grant_by_position" ON ${schema}."break_glass_grant" ("position")`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "break_glass_grant_by_organisation" ON ${schema}."break_glass_grant" ("organisation_id", "position")`,
    );
    // How far the queue has read the access category: one row, locked while catching up.
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS ${schema}."break_glass_queue_checkpoint" (
        "id" smallint PRIMARY KEY CHECK ("id" = 1),
        "position" bigint NULL
      )`);
    await queryRunner.query(`INSERT INTO ${schema}."break_glass_queue_checkpoint" ("id", "position") VALUES (1, NULL) ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(schemaOf(queryRunner));
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}."break_glass_queue_checkpoint"`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}."break_glass_grant"`);
  }
}
