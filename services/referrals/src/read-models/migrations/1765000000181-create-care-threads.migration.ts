import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Gap watch (issue 18): the care-seeking threads and their refusals (CareThreadRow, CareThreadRefusalRow). */
export class CreateCareThreads1765000000181 implements MigrationInterface {
  name = 'CreateCareThreads1765000000181';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."care_threads" (
        thread_id uuid PRIMARY KEY,
        patient_subject_id text NOT NULL,
        referring_organisation_id text,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        first_referral_received_at timestamptz NOT NULL,
        risk_indicated boolean NOT NULL,
        overdue_at timestamptz,
        overdue_due_at timestamptz,
        flagged_at timestamptz,
        resolved_at timestamptz,
        resolved_how text,
        resolution jsonb,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX care_threads_by_referrer_status ON "${schema}"."care_threads" (referring_organisation_id, status)`);
    await runner.query(`
      CREATE TABLE "${schema}"."care_thread_refusals" (
        referral_id uuid PRIMARY KEY,
        thread_id uuid NOT NULL,
        patient_subject_id text NOT NULL,
        referring_organisation_id text,
        refusing_organisation_id text NOT NULL,
        outcome text NOT NULL,
        decline_reason text,
        details jsonb NOT NULL,
        referral_received_at timestamptz NOT NULL,
        decided_at timestamptz NOT NULL,
        risk_indicated boolean NOT NULL
      )`);
    await runner.query(`CREATE INDEX care_thread_refusals_by_thread ON "${schema}"."care_thread_refusals" (thread_id)`);
    await runner.query(`CREATE INDEX care_thread_refusals_by_decided_at ON "${schema}"."care_thread_refusals" (decided_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DROP TABLE "${schema}"."care_thread_refusals"`);
    await runner.query(`DROP TABLE "${schema}"."care_threads"`);
  }
}
