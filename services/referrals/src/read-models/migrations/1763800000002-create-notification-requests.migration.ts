import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Letters and messages the service asked for (the table-backed notification port); `sent_at` set by the sender. */
export class CreateNotificationRequests1763800000002 implements MigrationInterface {
  name = 'CreateNotificationRequests1763800000002';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."notification_requests" (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        referral_id uuid NOT NULL,
        patient_subject_id text NOT NULL,
        sender_organisation text NOT NULL,
        recipient_kind text NOT NULL,
        recipient_organisation text NULL,
        channel text NOT NULL,
        requested_at timestamptz NOT NULL,
        sent_at timestamptz NULL
      )`);
    await runner.query(`CREATE INDEX notification_requests_unsent ON "${schema}"."notification_requests" (requested_at) WHERE sent_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DROP TABLE "${schema}"."notification_requests"`);
  }
}
