import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduling's copy of referrals received and withdrawn (see ReferralIntakeEntity). */
export class CreateReferralIntake1763800000000 implements MigrationInterface {
  name = 'CreateReferralIntake1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."referral_intake" (
        referral_id text PRIMARY KEY,
        receiving_organisation_id text,
        urgency text,
        received_at timestamptz,
        withdrawn_at timestamptz,
        events_applied integer NOT NULL DEFAULT 0
      )`);
    // The waiting list reads an organisation's referrals still waiting, oldest first.
    await runner.query(`
      CREATE INDEX referral_intake_waiting ON "scheduling"."referral_intake" (receiving_organisation_id, received_at)
      WHERE withdrawn_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."referral_intake"');
  }
}
