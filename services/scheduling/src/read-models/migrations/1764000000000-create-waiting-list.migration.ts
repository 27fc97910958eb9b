import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People waiting for a first (or next-step) appointment, kept from the referrals service's episode events. */
export class CreateWaitingList1764000000000 implements MigrationInterface {
  name = 'CreateWaitingList1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."waiting_list" (
        episode_id text PRIMARY KEY,
        referral_id text,
        patient_subject_id text NOT NULL,
        organisation_id text NOT NULL,
        step text NOT NULL,
        urgency text NOT NULL,
        referred_at timestamptz NOT NULL,
        waiting_since timestamptz NOT NULL,
        status text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    // The list reads an organisation's people still waiting, most urgent then longest waiting first.
    await runner.query(`
      CREATE INDEX waiting_list_waiting ON "scheduling"."waiting_list" (organisation_id, step, waiting_since)
      WHERE status = 'waiting'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."waiting_list"');
  }
}
