import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 5: the consultations referrals knows of (from the consultations service's v1 events; ids and codes
 * only), the referral requests a consultation's outcome made, and the step-change proposals awaiting the episode's
 * providing organisation. Kept by the consultations consumer, each message once (the messaging inbox).
 */
export class CreateKnownConsultations1765100000231 implements MigrationInterface {
  name = 'CreateKnownConsultations1765100000231';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."known_consultations" (
        consultation_id text PRIMARY KEY,
        requesting_organisation_id text,
        consultation_service_id text,
        patient_subject_id text,
        requested_at timestamptz,
        outcome text,
        answered_at timestamptz,
        referral_request jsonb
      )`);
    await runner.query(`CREATE INDEX known_consultations_by_patient ON "${schema}"."known_consultations" (patient_subject_id)`);
    await runner.query(`
      CREATE TABLE "${schema}"."step_change_proposals" (
        proposal_id text PRIMARY KEY,
        consultation_id text NOT NULL,
        episode_id text NOT NULL,
        patient_subject_id text,
        providing_organisation_id text NOT NULL,
        proposed_step text NOT NULL,
        proposed_at timestamptz NOT NULL,
        status text NOT NULL,
        decided_at timestamptz,
        decided_by jsonb,
        rejection_reason text,
        step_change_id uuid
      )`);
    await runner.query(`CREATE INDEX step_change_proposals_by_episode ON "${schema}"."step_change_proposals" (episode_id, proposed_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DROP TABLE "${schema}"."step_change_proposals"`);
    await runner.query(`DROP TABLE "${schema}"."known_consultations"`);
  }
}
