import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the metrics' secondary care referral rate per practice needs from referrals' published events (issue 16 item
 * 8; `domain/secondary-care-referral-rate.ts`): each referral received — who referred, which organisation received
 * it, when, and the person's subject id only so that a national data opt-out leaves it out — and the registry's
 * organisation types (`referrals.organisation-recorded`), so that "secondary care" is the receiving organisation's
 * registered type; and the referrals that are not a referral made (`referrals_not_counted`: withdrawn as a duplicate
 * or entered in error, or merged into another — that one is counted). Ids, codes and times; kept by the consumer in
 * its inbox transaction, in whatever order the messages arrive.
 */
export class CreateReferralRateFacts1766000000600 implements MigrationInterface {
  name = 'CreateReferralRateFacts1766000000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "consultations"."referrals_received" (
        referral_id text PRIMARY KEY,
        patient_subject_id text,
        referrer_organisation_id text NOT NULL,
        receiving_organisation_id text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX referrals_received_by_referrer ON "consultations"."referrals_received" (referrer_organisation_id, received_at)`);
    await runner.query(`
      CREATE TABLE "consultations"."referrals_not_counted" (
        referral_id text PRIMARY KEY,
        reason text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "consultations"."registered_organisations" (
        code text PRIMARY KEY,
        organisation_type text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "consultations"."registered_organisations"');
    await runner.query('DROP TABLE "consultations"."referrals_not_counted"');
    await runner.query('DROP TABLE "consultations"."referrals_received"');
  }
}
