import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 items 8, 9 and 12: who a risk alert names (care coordinator or appointment clinician) and where it
 * escalated to; which scores are incomplete (kept unscored); which version of a recorded outcome is shown, and why
 * it was corrected.
 */
export class RiskAddressingAndRecordedVersions1764900000000 implements MigrationInterface {
  name = 'RiskAddressingAndRecordedVersions1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`ALTER TABLE ${s}."episode" ADD COLUMN care_coordinator_id text NULL`);
    await runner.query(`
      CREATE TABLE ${s}."episode_appointment" (
        appointment_id text PRIMARY KEY,
        episode_id text NOT NULL,
        clinician_id text NOT NULL,
        starts_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX episode_appointment_episode ON ${s}."episode_appointment" (episode_id, starts_at)`);
    await runner.query(`ALTER TABLE ${s}."risk_alert" ADD COLUMN named_clinician_id text NULL`);
    await runner.query(`ALTER TABLE ${s}."risk_alert" ADD COLUMN named_clinician_source text NULL`);
    await runner.query(`ALTER TABLE ${s}."risk_alert" ADD COLUMN escalated_to text NULL`);
    await runner.query(`CREATE INDEX risk_alert_named ON ${s}."risk_alert" (organisation_id, named_clinician_id, status)`);
    await runner.query(`ALTER TABLE ${s}."measure_score" ADD COLUMN complete boolean NOT NULL DEFAULT true`);
    await runner.query(`ALTER TABLE ${s}."episode_outcome" ADD COLUMN recorded_version integer NULL`);
    await runner.query(`ALTER TABLE ${s}."episode_outcome" ADD COLUMN correction_reason text NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`ALTER TABLE ${s}."episode_outcome" DROP COLUMN correction_reason, DROP COLUMN recorded_version`);
    await runner.query(`ALTER TABLE ${s}."measure_score" DROP COLUMN complete`);
    await runner.query(`DROP INDEX ${s}."risk_alert_named"`);
    await runner.query(`ALTER TABLE ${s}."risk_alert" DROP COLUMN escalated_to, DROP COLUMN named_clinician_source, DROP COLUMN named_clinician_id`);
    await runner.query(`DROP TABLE ${s}."episode_appointment"`);
    await runner.query(`ALTER TABLE ${s}."episode" DROP COLUMN care_coordinator_id`);
  }
}
