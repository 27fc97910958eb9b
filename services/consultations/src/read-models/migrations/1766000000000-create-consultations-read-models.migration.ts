import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offerings and the consultations worklist as the API reads them (kept by ConsultationsProjection). No free
 * text about a person here: the question, context, formulation, advice and thread stay in the consultation's stream.
 */
export class CreateConsultationsReadModels1766000000000 implements MigrationInterface {
  name = 'CreateConsultationsReadModels1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "consultations"."offerings" (
        organisation_id text PRIMARY KEY,
        specialist_pool jsonb NOT NULL,
        modes text[] NOT NULL,
        eligibility_notes text NOT NULL,
        response_target_working_days integer NOT NULL,
        opening_hours jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "consultations"."consultations" (
        consultation_id text PRIMARY KEY,
        requesting_organisation_id text NOT NULL,
        consultation_service_id text NOT NULL,
        patient_subject_id text,
        urgency text NOT NULL,
        preferred_mode text NOT NULL,
        status text NOT NULL,
        assigned_to text,
        requested_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        breached boolean NOT NULL DEFAULT false,
        answered_at timestamptz,
        outcome text,
        usefulness integer,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX consultations_worklist ON "consultations"."consultations" (consultation_service_id, status, due_at)`);
    await runner.query(`CREATE INDEX consultations_by_requester ON "consultations"."consultations" (requesting_organisation_id, status, due_at)`);
    await runner.query(`CREATE INDEX consultations_awaiting ON "consultations"."consultations" (due_at) WHERE status IN ('requested', 'accepted', 'information-requested') AND NOT breached`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "consultations"."consultations"');
    await runner.query('DROP TABLE "consultations"."offerings"');
  }
}
