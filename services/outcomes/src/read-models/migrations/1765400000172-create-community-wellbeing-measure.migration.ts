import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wellbeing measures a link worker recorded for a social prescription (directory service, issue 17, the closed loop):
 * the baseline and follow-up SWEMWBS raw total (with its metric score) or ONS4 item scores, one row per directory
 * message (its id the key). Shown beside the person's therapy scores in `GET /patients/{id}/measures`; never part of
 * an episode's outcome (they are not the episode's paired scores).
 */
export class CreateCommunityWellbeingMeasure1765400000172 implements MigrationInterface {
  name = 'CreateCommunityWellbeingMeasure1765400000172';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${quotedSchema(runner)}."community_wellbeing_measure" (
        message_id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        prescription_id text NOT NULL,
        link_worker_organisation_id text NOT NULL,
        timing text NOT NULL,
        code text NOT NULL,
        total integer,
        metric_score numeric(5,2),
        ons4_items integer[],
        taken_on date NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX "community_wellbeing_measure_patient" ON ${quotedSchema(runner)}."community_wellbeing_measure" (patient_subject_id, code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${quotedSchema(runner)}."community_wellbeing_measure"`);
  }
}
