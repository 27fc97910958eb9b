import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  return (queryRunner.connection.driver as { schema?: string }).schema ?? 'public';
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * Creates the care-relationship table in the service's schema (the DataSource's `schema` option). Services add
 * this class to their `migrations` list.
 */
export class CreateCareRelationship1763700000000 implements MigrationInterface {
  name = 'CreateCareRelationship1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = quote(schemaOf(queryRunner));
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS ${schema}."care_relationship" (
        "patient_subject_id" text NOT NULL,
        "organisation_id" text NOT NULL,
        "reason" text NOT NULL,
        "since" timestamptz NOT NULL,
        "source_event_id" text NOT NULL,
        "source_event_type" text NOT NULL,
        CONSTRAINT "care_relationship_pk" PRIMARY KEY ("patient_subject_id", "organisation_id", "reason")
      )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "care_relationship_by_organisation" ON ${schema}."care_relationship" ("organisation_id", "patient_subject_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${quote(schemaOf(queryRunner))}."care_relationship"`);
  }
}
