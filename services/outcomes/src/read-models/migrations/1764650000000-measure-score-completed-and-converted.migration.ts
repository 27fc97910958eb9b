import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 items 3 and 5: `taken_at` is now when the measure was completed (first and last are judged by it);
 * `recorded_at` keeps when it was keyed in; a converted score (SWEMWBS metric) is stored beside the raw total.
 */
export class MeasureScoreCompletedAndConverted1764650000000 implements MigrationInterface {
  name = 'MeasureScoreCompletedAndConverted1764650000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`
      ALTER TABLE ${s}."measure_score"
        ADD COLUMN recorded_at timestamptz NULL,
        ADD COLUMN converted_score numeric(5,2) NULL,
        ADD COLUMN converted_label text NULL,
        ADD COLUMN late_entry boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`
      ALTER TABLE ${s}."measure_score"
        DROP COLUMN late_entry, DROP COLUMN converted_label, DROP COLUMN converted_score, DROP COLUMN recorded_at`);
  }
}
