import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The episode view and waiting-times read model (EpisodeWaitingRow). */
export class CreateEpisodeWaiting1763800000001 implements MigrationInterface {
  name = 'CreateEpisodeWaiting1763800000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."episode_waiting" (
        episode_id uuid PRIMARY KEY,
        patient_subject_id text NOT NULL,
        providing_organisation_id text NOT NULL,
        step text NOT NULL,
        status text NOT NULL,
        referral_received_at timestamptz NOT NULL,
        state jsonb NOT NULL,
        last_position bigint NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "episode_waiting_by_organisation_status" ON "${schema}"."episode_waiting" (providing_organisation_id, status)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${readModelSchema(runner)}"."episode_waiting"`);
  }
}
