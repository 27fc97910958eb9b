import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 4: national outcomes count one referral to one Talking Therapies provider. The episode keeps the
 * provider its course is credited to and when that course ended (leaving steps 2–3 there, or discharge); an
 * attendance keeps the organisation that held it, so contacts elsewhere never enter the course.
 */
export class TalkingTherapiesCourse1764650000001 implements MigrationInterface {
  name = 'TalkingTherapiesCourse1764650000001';

  async up(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`
      ALTER TABLE ${s}."episode"
        ADD COLUMN course_organisation_id text NULL,
        ADD COLUMN course_ended_at timestamptz NULL`);
    await runner.query(`ALTER TABLE ${s}."episode_attendance" ADD COLUMN organisation_id text NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`ALTER TABLE ${s}."episode_attendance" DROP COLUMN organisation_id`);
    await runner.query(`ALTER TABLE ${s}."episode" DROP COLUMN course_ended_at, DROP COLUMN course_organisation_id`);
  }
}
