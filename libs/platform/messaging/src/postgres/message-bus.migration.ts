import type { Pool, PoolClient } from 'pg';

/** The PostgreSQL transport's own tables. Plain SQL, idempotent: every start may run it. */
export function messageBusSchemaSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.topics (
  name        text PRIMARY KEY,
  partitions  int  NOT NULL CHECK (partitions > 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per topic-partition. Publishing takes this row's lock until it commits, so offsets are handed out
-- and committed in order: a reader never sees offset n+1 while offset n could still commit (no late-commit gap).
CREATE TABLE IF NOT EXISTS ${s}.partitions (
  topic        text   NOT NULL REFERENCES ${s}.topics (name),
  partition    int    NOT NULL,
  next_offset  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (topic, partition)
);

-- The log: one row per message, ordered per topic-partition by a gap-free offset.
CREATE TABLE IF NOT EXISTS ${s}.messages (
  topic         text   NOT NULL,
  partition     int    NOT NULL,
  "offset"      bigint NOT NULL,
  key           text,
  value         text   NOT NULL,
  headers       jsonb  NOT NULL DEFAULT '{}'::jsonb,
  published_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (topic, partition, "offset")
);

-- Per consumer group and partition: the next offset to deliver, moved only after the message was handled.
CREATE TABLE IF NOT EXISTS ${s}.consumer_offsets (
  group_id      text   NOT NULL,
  topic         text   NOT NULL,
  partition     int    NOT NULL,
  next_offset   bigint NOT NULL,
  committed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
`;
}

/** Runs the message-bus migration once per database even when several processes start together. */
export async function migrateMessageBus(db: Pool | PoolClient, schema = 'message_bus'): Promise<void> {
  assertIdentifier(schema);
  const client = 'release' in db ? db : await db.connect();
  try {
    await client.query('BEGIN');
    // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog: serialise migrations.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stepwell.message-bus.migrate:${schema}`]);
    await client.query(messageBusSchemaSql(schema));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (!('release' in db)) (client as PoolClient).release();
  }
}

export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a safe PostgreSQL identifier`);
}

export function quoteIdent(name: string): string {
  assertIdentifier(name);
  return `"${name}"`;
}
