import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from '@stepwell/read-models';

/**
 * A witness alert is also a `WitnessAlertRaised` event in the witness's own log (issue 19 point 2). `event_id` marks
 * the alert whose event is recorded, so the witness consumer's repair after each message (a crash between the alert
 * row and its event) reads only alerts still without one — none, normally — instead of every alert of the log and a
 * stream per alert. Alerts raised before this migration are looked up once: their events, if any, are found by id.
 */
export class MarkWitnessAlertEvents1766100000000 implements MigrationInterface {
  name = 'MarkWitnessAlertEvents1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`ALTER TABLE ${schema}."transparency_witness_alerts" ADD COLUMN event_id uuid`);
    await runner.query(`CREATE INDEX "transparency_witness_alerts_without_event" ON ${schema}."transparency_witness_alerts" (log, id) WHERE event_id IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`ALTER TABLE ${schema}."transparency_witness_alerts" DROP COLUMN event_id`);
  }
}
