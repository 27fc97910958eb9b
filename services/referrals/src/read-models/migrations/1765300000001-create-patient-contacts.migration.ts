import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest contact other services report about a person (an attended appointment from scheduling, a social
 * prescription accepted from the directory), one row per source: retention's last contact counts them (hazard H-RT2).
 */
export class CreatePatientContacts1765300000001 implements MigrationInterface {
  name = 'CreatePatientContacts1765300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${quotedSchema(runner)}."patient_contacts" (
        patient_subject_id text NOT NULL,
        source text NOT NULL,
        last_contact_at timestamptz NOT NULL,
        PRIMARY KEY (patient_subject_id, source)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${quotedSchema(runner)}."patient_contacts"`);
  }
}
