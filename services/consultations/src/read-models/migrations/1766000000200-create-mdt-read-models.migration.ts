import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MDT case discussions (issue 16 item 6; MdtProjection): meetings, their cases and the actions agreed, as the owner's
 * worklist reads them. Ids, codes, dates only: the case's question, the discussion summary and each action's
 * description stay sealed in the meeting's stream.
 */
export class CreateMdtReadModels1766000000200 implements MigrationInterface {
  name = 'CreateMdtReadModels1766000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "consultations"."mdt_meetings" (
        meeting_id text PRIMARY KEY,
        host_organisation_id text NOT NULL,
        organisation_ids text[] NOT NULL,
        starts_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "consultations"."mdt_cases" (
        case_id text PRIMARY KEY,
        meeting_id text NOT NULL,
        patient_subject_id text,
        presenting_organisation_id text NOT NULL,
        decision text,
        last_position bigint NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "consultations"."mdt_actions" (
        action_id text PRIMARY KEY,
        meeting_id text NOT NULL,
        case_id text NOT NULL,
        patient_subject_id text,
        owner_user_id text NOT NULL,
        owner_organisation_id text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL,
        completed_at timestamptz,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX mdt_actions_worklist ON "consultations"."mdt_actions" (owner_organisation_id, status, due_date)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "consultations"."mdt_actions"');
    await runner.query('DROP TABLE "consultations"."mdt_cases"');
    await runner.query('DROP TABLE "consultations"."mdt_meetings"');
  }
}
