import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Did-not-attend follow-up tasks and engagement reviews (kept by SchedulingProjection from engagement streams). */
export class CreateFollowUp1764100000000 implements MigrationInterface {
  name = 'CreateFollowUp1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."follow_up_tasks" (
        task_id text PRIMARY KEY,
        episode_id text NOT NULL,
        patient_subject_id text NOT NULL,
        organisation_id text NOT NULL,
        appointment_id text NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX follow_up_tasks_open ON "scheduling"."follow_up_tasks" (organisation_id, due_on) WHERE status = 'open'`);
    await runner.query(`
      CREATE TABLE "scheduling"."engagement_reviews" (
        review_id text PRIMARY KEY,
        episode_id text NOT NULL,
        patient_subject_id text NOT NULL,
        organisation_id text NOT NULL,
        consecutive_missed integer NOT NULL,
        raised_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX engagement_reviews_by_organisation ON "scheduling"."engagement_reviews" (organisation_id, raised_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."engagement_reviews"');
    await runner.query('DROP TABLE "scheduling"."follow_up_tasks"');
  }
}
