import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gap watch (issue 18 item 4, `groupBy=equity`): the person's age band at each refused referral (null for refusals
 * recorded before it, and after an erasure once rebuilt). Read by the commissioner's aggregates only.
 */
export class CareThreadRefusalAgeBand1765200000181 implements MigrationInterface {
  name = 'CareThreadRefusalAgeBand1765200000181';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${quotedSchema(runner)}."care_thread_refusals" ADD COLUMN IF NOT EXISTS age_band text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${quotedSchema(runner)}."care_thread_refusals" DROP COLUMN IF EXISTS age_band`);
  }
}
