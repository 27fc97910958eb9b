import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The triage queue read model (ReferralQueueRow). */
export class CreateReferralQueue1763800000000 implements MigrationInterface {
  name = 'CreateReferralQueue1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."referral_queue" (
        referral_id uuid PRIMARY KEY,
        patient_subject_id text NOT NULL,
        receiving_organisation text NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        urgency text NOT NULL,
        urgency_rank integer NOT NULL,
        urgent_triage boolean NOT NULL,
        possible_duplicate boolean NOT NULL,
        received_at timestamptz NOT NULL,
        triage_outcome text NULL,
        decided_at timestamptz NULL,
        last_position bigint NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "referral_queue_by_organisation_status" ON "${schema}"."referral_queue" (receiving_organisation, status)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${readModelSchema(runner)}"."referral_queue"`);
  }
}
