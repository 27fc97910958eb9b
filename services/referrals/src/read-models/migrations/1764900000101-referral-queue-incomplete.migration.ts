import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incomplete referrals in the triage queue (issue 12 item 9): flagged, with the missing answers listed, and an
 * urgency that may be unknown until completion. Rows before this migration were all complete (the defaults).
 */
export class ReferralQueueIncomplete1764900000101 implements MigrationInterface {
  name = 'ReferralQueueIncomplete1764900000101';

  async up(runner: QueryRunner): Promise<void> {
    const table = `"${readModelSchema(runner)}"."referral_queue"`;
    await runner.query(`ALTER TABLE ${table} ADD COLUMN incomplete boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE ${table} ADD COLUMN missing_fields jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await runner.query(`ALTER TABLE ${table} ALTER COLUMN urgency DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const table = `"${readModelSchema(runner)}"."referral_queue"`;
    await runner.query(`DELETE FROM ${table} WHERE urgency IS NULL`);
    await runner.query(`ALTER TABLE ${table} ALTER COLUMN urgency SET NOT NULL`);
    await runner.query(`ALTER TABLE ${table} DROP COLUMN missing_fields`);
    await runner.query(`ALTER TABLE ${table} DROP COLUMN incomplete`);
  }
}
