import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Social prescriptions' read models (issue 17 item 2): one row per prescription — ids, status, the link worker's
 * organisation and the community organisation its open or accepted direct referral is addressed to (what the access
 * policy and the two lists need) — and one row per direct referral for the listing statistics shown to referrers.
 * No personal data: names, contact routes, goals and measures stay sealed in the event store.
 */
export class CreateSocialPrescriptions1765200000000 implements MigrationInterface {
  name = 'CreateSocialPrescriptions1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "directory"."social_prescriptions" (
        id text PRIMARY KEY,
        patient_subject_id text NOT NULL,
        link_worker_organisation_id text NOT NULL,
        status text NOT NULL,
        service_id text,
        recipient_organisation_id text,
        reply_by timestamptz,
        referred_at timestamptz NOT NULL,
        modified_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX social_prescriptions_by_link_worker ON "directory"."social_prescriptions" (link_worker_organisation_id, referred_at, id)');
    await runner.query('CREATE INDEX social_prescriptions_by_recipient ON "directory"."social_prescriptions" (recipient_organisation_id, referred_at, id)');
    await runner.query(`CREATE INDEX social_prescriptions_awaiting_reply ON "directory"."social_prescriptions" (reply_by) WHERE status = 'AwaitingReply'`);
    await runner.query(`
      CREATE TABLE "directory"."community_referrals" (
        prescription_id text NOT NULL,
        made_at timestamptz NOT NULL,
        service_id text NOT NULL,
        organisation_id text NOT NULL,
        answered_at timestamptz,
        outcome text,
        PRIMARY KEY (prescription_id, made_at)
      )`);
    await runner.query('CREATE INDEX community_referrals_by_service ON "directory"."community_referrals" (service_id, made_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['community_referrals', 'social_prescriptions']) await runner.query(`DROP TABLE "directory"."${table}"`);
  }
}
