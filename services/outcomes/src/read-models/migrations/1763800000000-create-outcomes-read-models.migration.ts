import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outcomes service's own read models: scores of recorded measures, risk alerts, the episodes it learns of
 * from referrals and scheduling, and per-episode outcomes kept per rule set (a recompute under a new rule set adds
 * rows beside the old ones and never changes them).
 */
export class CreateOutcomesReadModels1763800000000 implements MigrationInterface {
  name = 'CreateOutcomesReadModels1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    await runner.query(`
      CREATE TABLE ${s}."measure_score" (
        response_id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        episode_id text NOT NULL,
        appointment_id text NULL,
        code text NOT NULL,
        version text NOT NULL,
        completed_by text NOT NULL,
        total integer NULL,
        severity_band text NULL,
        at_caseness boolean NULL,
        risk_signalled boolean NOT NULL,
        taken_at timestamptz NOT NULL,
        position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX measure_score_episode ON ${s}."measure_score" (episode_id, code, taken_at)`);
    await runner.query(`CREATE INDEX measure_score_patient ON ${s}."measure_score" (patient_subject_id, code, taken_at)`);
    await runner.query(`
      CREATE TABLE ${s}."risk_alert" (
        alert_id text PRIMARY KEY,
        response_id text NOT NULL,
        patient_subject_id text NOT NULL,
        episode_id text NOT NULL,
        organisation_id text NOT NULL,
        signal text NOT NULL,
        urgency text NOT NULL,
        status text NOT NULL,
        raised_at timestamptz NOT NULL,
        escalated_at timestamptz NULL,
        acknowledged_at timestamptz NULL,
        acknowledged_by text NULL,
        action_taken text NULL,
        position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX risk_alert_queue ON ${s}."risk_alert" (organisation_id, status, raised_at)`);
    await runner.query(`
      CREATE TABLE ${s}."episode" (
        episode_id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        referral_id text NULL,
        step text NULL,
        providing_organisation_id text NULL,
        status text NOT NULL,
        opened_at timestamptz NULL,
        discharged_at timestamptz NULL,
        discharge_reason text NULL,
        problem_anxiety_disorder text NULL,
        problem_icd10_code text NULL
      )`);
    await runner.query(`
      CREATE TABLE ${s}."episode_attendance" (
        appointment_id text PRIMARY KEY,
        episode_id text NOT NULL,
        is_treatment boolean NOT NULL,
        attended_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX episode_attendance_episode ON ${s}."episode_attendance" (episode_id)`);
    await runner.query(`
      CREATE TABLE ${s}."episode_outcome" (
        episode_id text NOT NULL,
        rule_set_version text NOT NULL,
        patient_subject_id text NOT NULL,
        outcome jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (episode_id, rule_set_version)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quotedSchema(runner.connection);
    for (const table of ['episode_outcome', 'episode_attendance', 'episode', 'risk_alert', 'measure_score']) {
      await runner.query(`DROP TABLE ${s}."${table}"`);
    }
  }
}
