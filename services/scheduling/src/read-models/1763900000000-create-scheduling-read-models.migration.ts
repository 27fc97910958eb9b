import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinicians, slots and appointments as the scheduling API reads them (kept by SchedulingProjection). */
export class CreateSchedulingReadModels1763900000000 implements MigrationInterface {
  name = 'CreateSchedulingReadModels1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."clinicians" (
        clinician_id text PRIMARY KEY,
        organisation_id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        languages text[] NOT NULL,
        sites text[] NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX clinicians_by_organisation ON "scheduling"."clinicians" (organisation_id, name)`);
    await runner.query(`
      CREATE TABLE "scheduling"."slots" (
        slot_id text PRIMARY KEY,
        session_id text NOT NULL,
        clinician_id text NOT NULL,
        organisation_id text NOT NULL,
        site_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        embargo text NOT NULL,
        modes text[] NOT NULL,
        purposes text[] NOT NULL,
        clinician_role text NOT NULL,
        clinician_languages text[] NOT NULL,
        status text NOT NULL,
        appointment_id text,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX slots_free ON "scheduling"."slots" (organisation_id, starts_at) WHERE status = 'open'`);
    await runner.query(`
      CREATE TABLE "scheduling"."appointments" (
        appointment_id text PRIMARY KEY,
        slot_id text NOT NULL,
        patient_subject_id text NOT NULL,
        episode_id text NOT NULL,
        clinician_id text NOT NULL,
        organisation_id text NOT NULL,
        purpose text NOT NULL,
        mode text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL,
        booked_at timestamptz NOT NULL,
        cancelled_by text,
        cancellation_reason text,
        duration_minutes integer,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX appointments_by_patient ON "scheduling"."appointments" (patient_subject_id, starts_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."appointments"');
    await runner.query('DROP TABLE "scheduling"."slots"');
    await runner.query('DROP TABLE "scheduling"."clinicians"');
  }
}
