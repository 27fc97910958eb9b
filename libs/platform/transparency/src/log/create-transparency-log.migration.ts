import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from '@stepwell/read-models';
import { CreateWitnessedHeads1764800000000 } from '../witness/create-witnessed-heads.migration';
import { MarkHeadPublications1765100000000 } from '../heads/mark-head-publications.migration';
import { MarkWitnessAlertEvents1766100000000 } from '../witness/mark-alert-events.migration';

/**
 * The transparency log's tables in the service's read-model schema (added to every service's migrations by
 * @stepwell/service-host):
 * - `transparency_leaves`: one row per event of the global log, in log order (`leaf_index` 0, 1, ...);
 * - `transparency_nodes`: the complete subtrees above them (2^level leaves at `node_index`), written once when full;
 * - `transparency_tree_heads`: every signed tree head issued (the copy that matters is the one outside the database);
 * - `transparency_keys`: the public keys that signed them, kept after a rotation so old heads stay verifiable.
 */
export class CreateTransparencyLog1764700000000 implements MigrationInterface {
  name = 'CreateTransparencyLog1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_leaves" (
        leaf_index bigint PRIMARY KEY,
        global_position bigint NOT NULL UNIQUE,
        event_id uuid NOT NULL UNIQUE,
        leaf_hash bytea NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_nodes" (
        level smallint NOT NULL,
        node_index bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, node_index)
      )`);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_tree_heads" (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await runner.query(`CREATE INDEX "transparency_tree_heads_by_size" ON ${schema}."transparency_tree_heads" (tree_size)`);
    await runner.query(`
      CREATE TABLE ${schema}."transparency_keys" (
        key_id text PRIMARY KEY,
        public_key text NOT NULL,
        first_used_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    for (const table of ['transparency_keys', 'transparency_tree_heads', 'transparency_nodes', 'transparency_leaves']) {
      await runner.query(`DROP TABLE ${schema}."${table}"`);
    }
  }
}

/** The transparency log's migrations, for a service's read-model data source. */
export const TRANSPARENCY_MIGRATIONS = [CreateTransparencyLog1764700000000, CreateWitnessedHeads1764800000000, MarkHeadPublications1765100000000, MarkWitnessAlertEvents1766100000000];

/** The tables they create (the service edge test lists every table of a service's schema). */
export const TRANSPARENCY_TABLES = [
  'transparency_keys',
  'transparency_leaves',
  'transparency_nodes',
  'transparency_tree_heads',
  'transparency_witness_alerts',
  'transparency_witnessed_heads',
];
