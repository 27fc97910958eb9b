import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the directory publishes about a person's social prescriptions (issue 17, the closed loop), one row per message
 * (its id the key: a redelivery inserts nothing): ids, codes, times and wellbeing totals, never free text. The
 * journey shows them beside the person's therapy (`GET /patients/{id}/journey`, `socialPrescriptions`).
 */
export class CreateSocialPrescriptionFacts1765400000171 implements MigrationInterface {
  name = 'CreateSocialPrescriptionFacts1765400000171';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${quotedSchema(runner)}."social_prescription_facts" (
        message_id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        prescription_id text NOT NULL,
        kind text NOT NULL,
        link_worker_organisation_id text NOT NULL,
        service_id text,
        community_organisation_id text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await runner.query(`CREATE INDEX "social_prescription_facts_patient" ON ${quotedSchema(runner)}."social_prescription_facts" (patient_subject_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${quotedSchema(runner)}."social_prescription_facts"`);
  }
}
