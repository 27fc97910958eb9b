import { qualifiedTable, schemaOf } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service's schema, quoted (`public` for a data source without one, as in the access library's own tests). */
const schemaIn = (queryRunner: QueryRunner): string => qualifiedTable(undefined, schemaOf(queryRunner) ?? 'public');

/**
 * Creates the care-relationship table in the service's schema (the DataSource's `schema` option). Services add
 * this class to their `migrations` list.
 */
export class CreateCareRelationship1763700000000 implements MigrationInterface {
  name = 'CreateCareRelationship1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaIn(queryRunner);
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
    await queryRunner.query(`DROP TABLE IF EXISTS ${schemaIn(queryRunner)}."care_relationship"`);
  }
}

/**
 * Scopes relationships to a referral or an episode and lets them end (issue 10): adds `scope` (part of the key) and
 * `ended_at`. Services add this class to their `migrations` after `CreateCareRelationship1763700000000`.
 */
export class ScopeCareRelationship1764600000000 implements MigrationInterface {
  name = 'ScopeCareRelationship1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = `${schemaIn(queryRunner)}."care_relationship"`;
    await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS "scope" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS "ended_at" timestamptz NULL`);
    await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS "care_relationship_pk"`);
    await queryRunner.query(
      `ALTER TABLE ${table} ADD CONSTRAINT "care_relationship_pk" PRIMARY KEY ("patient_subject_id", "organisation_id", "reason", "scope")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = `${schemaIn(queryRunner)}."care_relationship"`;
    await queryRunner.query(`DELETE FROM ${table} WHERE "scope" <> ''`);
    await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS "care_relationship_pk"`);
    await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT "care_relationship_pk" PRIMARY KEY ("patient_subject_id", "organisation_id", "reason")`);
    await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS "ended_at"`);
    await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS "scope"`);
  }
}

/**
 * The break-glass review queue as a small read model in the service's schema (issue 10): one row per grant, its
 * review, indexed by organisation, kept from the access category by `BreakGlassReview` (which catches it up from its
 * checkpoint before each answer), so a queue request costs what is new and the page asked for, not the whole trail.
 * Part of `CARE_RELATIONSHIP_MIGRATIONS`, which every service already runs (`BreakGlassReview` is its only user).
 */
export class CreateBreakGlassQueue1764900000000 implements MigrationInterface {
  name = 'CreateBreakGlassQueue1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaIn(queryRunner);
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
    const schema = schemaIn(queryRunner);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}."break_glass_queue_checkpoint"`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}."break_glass_grant"`);
  }
}

/**
 * Marks relationships that rest on an unverified self-referral (hazard H-A1): `identity_verified`, true for every
 * existing row (they were all treated as verified before). Part of `CARE_RELATIONSHIP_MIGRATIONS`.
 */
export class MarkCareRelationshipIdentity1765000000000 implements MigrationInterface {
  name = 'MarkCareRelationshipIdentity1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = `${schemaIn(queryRunner)}."care_relationship"`;
    await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS "identity_verified" boolean NOT NULL DEFAULT true`);
    // Verification updates every row of a referral's or episode's scope for one person.
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "care_relationship_by_scope" ON ${table} ("patient_subject_id", "scope")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaIn(queryRunner);
    await queryRunner.query(`DROP INDEX IF EXISTS ${schema}."care_relationship_by_scope"`);
    await queryRunner.query(`ALTER TABLE ${schema}."care_relationship" DROP COLUMN IF EXISTS "identity_verified"`);
  }
}

/**
 * The person's consent to share with an organisation or organisation type (issue 15 item 5), as the relationship
 * projection keeps it (`applySharingConsent`): one row per person and party, the latest change. Part of
 * `CARE_RELATIONSHIP_MIGRATIONS`.
 */
export class CreateSharingConsent1765200000000 implements MigrationInterface {
  name = 'CreateSharingConsent1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaIn(queryRunner);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS ${schema}."sharing_consent" (
        "patient_subject_id" text NOT NULL,
        "party" text NOT NULL,
        "consented" boolean NOT NULL,
        "changed_at" timestamptz NOT NULL,
        "source_event_id" text NOT NULL,
        CONSTRAINT "sharing_consent_pk" PRIMARY KEY ("patient_subject_id", "party")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${schemaIn(queryRunner)}."sharing_consent"`);
  }
}

/**
 * Every migration of the access read models in a service's schema, in order: the care relationships and the
 * break-glass review queue. Spread into a service's `migrations`.
 */
export const CARE_RELATIONSHIP_MIGRATIONS = [
  CreateCareRelationship1763700000000,
  ScopeCareRelationship1764600000000,
  CreateBreakGlassQueue1764900000000,
  MarkCareRelationshipIdentity1765000000000,
  CreateSharingConsent1765200000000,
];
