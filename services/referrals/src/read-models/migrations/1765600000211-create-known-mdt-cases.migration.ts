import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 6: the MDT cases referrals knows of (from the consultations service's `mdt-referral-requested` and
 * `mdt-step-change-proposed` events; ids and codes only) — the evidence of a referral an MDT decided, listed in the
 * person's journey — with the referral request or step-change proposal each decision made. Kept by the consultations
 * consumer, each message once (the messaging inbox).
 */
export class CreateKnownMdtCases1765600000211 implements MigrationInterface {
  name = 'CreateKnownMdtCases1765600000211';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."known_mdt_cases" (
        case_id text PRIMARY KEY,
        meeting_id text NOT NULL,
        host_organisation_id text NOT NULL,
        presenting_organisation_id text NOT NULL,
        patient_subject_id text,
        decision text NOT NULL,
        decided_at timestamptz NOT NULL,
        referral_request jsonb,
        step_change_proposal jsonb
      )`);
    await runner.query(`CREATE INDEX known_mdt_cases_by_patient ON "${schema}"."known_mdt_cases" (patient_subject_id)`);
    // A step-change proposal rests on a consultation or (since issue 16 item 6) on an MDT case: exactly one of them.
    await runner.query(`ALTER TABLE "${schema}"."step_change_proposals" ALTER COLUMN consultation_id DROP NOT NULL, ADD COLUMN mdt_case_id text`);
    await runner.query(
      `ALTER TABLE "${schema}"."step_change_proposals" ADD CONSTRAINT step_change_proposals_one_evidence CHECK ((consultation_id IS NULL) <> (mdt_case_id IS NULL))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DELETE FROM "${schema}"."step_change_proposals" WHERE mdt_case_id IS NOT NULL`);
    await runner.query(`ALTER TABLE "${schema}"."step_change_proposals" DROP CONSTRAINT step_change_proposals_one_evidence, DROP COLUMN mdt_case_id, ALTER COLUMN consultation_id SET NOT NULL`);
    await runner.query(`DROP TABLE "${schema}"."known_mdt_cases"`);
  }
}
