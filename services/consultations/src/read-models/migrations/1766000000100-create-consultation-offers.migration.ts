import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers of consultation (issue 16 item 7; ConsultationOffersProjection) and what the consumers learn from referrals
 * and outcomes to make them: which organisation provides each episode, and the episode's measure totals (ids, codes
 * and numbers; no free text). `offer_triggers_awaiting_episode` keeps a not-on-track trigger whose episode is not
 * known yet (the topics are not ordered with each other): the episode's arrival makes the offer.
 */
export class CreateConsultationOffers1766000000100 implements MigrationInterface {
  name = 'CreateConsultationOffers1766000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "consultations"."consultation_offers" (
        offer_id text PRIMARY KEY,
        trigger text NOT NULL,
        organisation_id text NOT NULL,
        patient_subject_id text NOT NULL,
        reason jsonb NOT NULL,
        status text NOT NULL,
        consultation_id text,
        triggered_at timestamptz NOT NULL,
        offered_at timestamptz NOT NULL,
        decided_at timestamptz,
        last_position bigint NOT NULL
      )`);
    await runner.query(`CREATE INDEX consultation_offers_worklist ON "consultations"."consultation_offers" (organisation_id, status, offered_at)`);
    await runner.query(`
      CREATE TABLE "consultations"."known_episodes" (
        episode_id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        providing_organisation_id text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "consultations"."episode_measures" (
        measure_id text PRIMARY KEY,
        episode_id text NOT NULL,
        questionnaire_code text NOT NULL,
        total integer NOT NULL,
        taken_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX episode_measures_by_episode ON "consultations"."episode_measures" (episode_id, questionnaire_code, taken_at)`);
    await runner.query(`
      CREATE TABLE "consultations"."offer_triggers_awaiting_episode" (
        episode_id text NOT NULL,
        rule_set_version text NOT NULL,
        patient_subject_id text NOT NULL,
        not_on_track_reason text NOT NULL,
        attended_treatment_sessions integer NOT NULL,
        detected_at timestamptz NOT NULL,
        PRIMARY KEY (episode_id, rule_set_version)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "consultations"."offer_triggers_awaiting_episode"');
    await runner.query('DROP TABLE "consultations"."episode_measures"');
    await runner.query('DROP TABLE "consultations"."known_episodes"');
    await runner.query('DROP TABLE "consultations"."consultation_offers"');
  }
}
