import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Offers of slots freed less than 48 hours ahead to people on the waiting list. */
export class CreateRefillOffers1764300000000 implements MigrationInterface {
  name = 'CreateRefillOffers1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "scheduling"."refill_offers" (
        offer_id text PRIMARY KEY,
        slot_id text NOT NULL,
        organisation_id text NOT NULL,
        episode_id text NOT NULL,
        patient_subject_id text NOT NULL,
        status text NOT NULL,
        offered_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        UNIQUE (slot_id, episode_id)
      )`);
    // At most one live offer per slot: two reactors (or a reactor and a listing) cannot both offer it.
    await runner.query(`CREATE UNIQUE INDEX refill_offers_one_live ON "scheduling"."refill_offers" (slot_id) WHERE status = 'offered'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "scheduling"."refill_offers"');
  }
}
