import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Appointment reminders as the default notification adapter records them. */
export class CreateNotifications1764200000000 implements MigrationInterface {
  name = 'CreateNotifications1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."notifications" (
        notification_id text PRIMARY KEY,
        appointment_id text NOT NULL,
        slot_id text NOT NULL,
        patient_subject_id text NOT NULL,
        organisation_id text NOT NULL,
        kind text NOT NULL,
        appointment_starts_at timestamptz NOT NULL,
        send_at timestamptz NOT NULL,
        status text NOT NULL,
        status_changed_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX notifications_due ON "scheduling"."notifications" (send_at) WHERE status = 'scheduled'`);
    await runner.query(`CREATE INDEX notifications_by_appointment ON "scheduling"."notifications" (appointment_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."notifications"');
  }
}
