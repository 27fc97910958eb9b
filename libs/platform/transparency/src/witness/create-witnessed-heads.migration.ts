import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from '@stepwell/read-models';

/**
 * What a service's witness holds of the other services' logs (issue 19 point 2), in its read-model schema:
 * - `transparency_witnessed_heads`: every head it accepted, one per (log, size), with the producer's key and the
 *   witness's own countersignature; a second head of a held size is never written over (the primary key), it is a
 *   split view;
 * - `transparency_witness_alerts`: every head it refused or flagged, with the reason (no event content: sizes, roots,
 *   key ids).
 */
export class CreateWitnessedHeads1764800000000 implements MigrationInterface {
  name = 'CreateWitnessedHeads1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_witnessed_heads" (
        log text NOT NULL,
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        head jsonb NOT NULL,
        public_key text NOT NULL,
        witness text NOT NULL,
        witness_key_id text NOT NULL,
        countersignature text NOT NULL,
        witnessed_at timestamptz NOT NULL,
        PRIMARY KEY (log, tree_size)
      )`);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_witness_alerts" (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        log text NOT NULL,
        reason text NOT NULL,
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        key_id text NOT NULL,
        held_tree_size bigint,
        held_root_hash text,
        raised_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`DROP TABLE ${schema}."transparency_witness_alerts"`);
    await runner.query(`DROP TABLE ${schema}."transparency_witnessed_heads"`);
  }
}
