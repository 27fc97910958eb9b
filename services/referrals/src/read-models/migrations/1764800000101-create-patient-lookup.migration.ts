import { readModelSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The patient index's lookup read model (read-models/patient-lookup.ts): who each match key finds, and each
 * record's number key, demographic key and merge, so that a referral finds its person with one indexed query
 * instead of re-reading every candidate's stream (issue 14). Keys are the hashed key-stream names, never an NHS
 * number or a name.
 */
export class CreatePatientLookup1764800000101 implements MigrationInterface {
  name = 'CreatePatientLookup1764800000101';

  async up(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`
      CREATE TABLE "${schema}"."patient_lookup" (
        patient_subject_id text PRIMARY KEY,
        nhs_key text NULL,
        demographic_key text NOT NULL,
        merged_into text NULL
      )`);
    await runner.query(`
      CREATE TABLE "${schema}"."patient_lookup_keys" (
        match_key text NOT NULL,
        patient_subject_id text NOT NULL,
        PRIMARY KEY (match_key, patient_subject_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = readModelSchema(runner);
    await runner.query(`DROP TABLE "${schema}"."patient_lookup_keys"`);
    await runner.query(`DROP TABLE "${schema}"."patient_lookup"`);
  }
}
