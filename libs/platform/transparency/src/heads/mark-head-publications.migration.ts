import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quotedSchema } from '@stepwell/read-models';

/**
 * Heads leave the service as integration events (issue 19 point 2): `published_at` marks a signed head published on
 * the service's topic (`<service>.tree-head-signed`), so the head publisher relays from the head table (an outbox:
 * a head is published after its row committed, re-published with the same message id after a crash) and the event
 * log never grows by its own heads. Heads signed before this migration count as published: witnesses start from the
 * next one (accepted on its signature, the chain re-established by the pair after it).
 */
export class MarkHeadPublications1765100000000 implements MigrationInterface {
  name = 'MarkHeadPublications1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`ALTER TABLE ${schema}."transparency_tree_heads" ADD COLUMN published_at timestamptz`);
    await runner.query(`UPDATE ${schema}."transparency_tree_heads" SET published_at = issued_at`);
    await runner.query(`CREATE INDEX "transparency_tree_heads_unpublished" ON ${schema}."transparency_tree_heads" (id) WHERE published_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = quotedSchema(runner);
    await runner.query(`ALTER TABLE ${schema}."transparency_tree_heads" DROP COLUMN published_at`);
  }
}
