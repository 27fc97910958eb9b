import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sender's bookkeeping on `notification_requests` (issue 12 item 18): attempts made, when the next may run (a
 * claim's lease, then the backoff), the last failure code, when it finally failed, and the gateway's reference.
 */
export class NotificationDeliveryState1764700000001 implements MigrationInterface {
  name = 'NotificationDeliveryState1764700000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      ALTER TABLE "${schema}"."notification_requests"
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz NULL,
        ADD COLUMN last_error text NULL,
        ADD COLUMN failed_at timestamptz NULL,
        ADD COLUMN delivery_reference text NULL`);
    await runner.query(`DROP INDEX IF EXISTS "${schema}"."notification_requests_unsent"`);
    await runner.query(
      `CREATE INDEX notification_requests_due ON "${schema}"."notification_requests" (next_attempt_at, requested_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DROP INDEX IF EXISTS "${schema}"."notification_requests_due"`);
    await runner.query(`CREATE INDEX notification_requests_unsent ON "${schema}"."notification_requests" (requested_at) WHERE sent_at IS NULL`);
    await runner.query(`
      ALTER TABLE "${schema}"."notification_requests"
        DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error, DROP COLUMN failed_at, DROP COLUMN delivery_reference`);
  }
}
