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

-- Which database role may write which topic (\`grantMessageBusRole\`). Row-level security below lets a role other
-- than the bus owner append to a topic, or move its offsets, only when it is listed here for that topic. The owner
-- (the role that ran this migration: tests, \`npm start\`, a set-up job) is not subject to the policies.
CREATE TABLE IF NOT EXISTS ${s}.topic_writers (
  topic      text NOT NULL,
  role_name  name NOT NULL,
  PRIMARY KEY (topic, role_name)
);

ALTER TABLE ${s}.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${s}.partitions ENABLE ROW LEVEL SECURITY;
DO $policies$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = 'messages' AND policyname = 'read_all') THEN
    CREATE POLICY read_all ON ${s}.messages FOR SELECT USING (true);
    CREATE POLICY append_own_topic ON ${s}.messages FOR INSERT
      WITH CHECK (EXISTS (SELECT 1 FROM ${s}.topic_writers w WHERE w.topic = messages.topic AND w.role_name = current_user));
    CREATE POLICY read_all ON ${s}.partitions FOR SELECT USING (true);
    CREATE POLICY create_any ON ${s}.partitions FOR INSERT WITH CHECK (true);
    CREATE POLICY advance_own_topic ON ${s}.partitions FOR UPDATE
      USING (EXISTS (SELECT 1 FROM ${s}.topic_writers w WHERE w.topic = partitions.topic AND w.role_name = current_user));
  END IF;
END
$policies$;
`;
}

/**
 * Lets a service's own database role use the bus in \`schema\`: read every topic, create topics, keep its consumer
 * groups' offsets, and append only to its own topic (\`topicFor(service)\`) and its dead-letter topic. Run by the
 * bus owner (a set-up job or the DBA, never the service), after \`migrateMessageBus\`; idempotent. The role must
 * exist (\`CREATE ROLE referrals LOGIN PASSWORD ...\`).
 */
export async function grantMessageBusRole(
  db: Pool | PoolClient,
  { role, service, schema = 'message_bus' }: { role: string; service: string; schema?: string },
): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT SELECT, INSERT ON ${s}.topics TO ${r}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.partitions TO ${r}`);
  await db.query(`GRANT SELECT, INSERT ON ${s}.messages TO ${r}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.consumer_offsets TO ${r}`);
  await db.query(`GRANT SELECT ON ${s}.topic_writers TO ${r}`);
  await db.query(
    `INSERT INTO ${s}.topic_writers (topic, role_name) VALUES ($1, $3), ($2, $3) ON CONFLICT DO NOTHING`,
    [`stepwell.${service}.events`, `stepwell.${service}.dead-letters`, role],
  );
}

/** Whether the bus tables exist and are complete: a service role (which may not run DDL) then skips the migration. */
async function messageBusIsCurrent(client: PoolClient, schema: string): Promise<boolean> {
  const { rows } = await client.query<{ current: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AND EXISTS (
       SELECT 1 FROM pg_policies WHERE schemaname = $2 AND tablename = 'partitions' AND policyname = 'advance_own_topic') AS current`,
    [`${quoteIdent(schema)}.topic_writers`, schema],
  );
  return rows[0]?.current === true;
}

/** Runs the message-bus migration once per database even when several processes start together. */
export async function migrateMessageBus(db: Pool | PoolClient, schema = 'message_bus'): Promise<void> {
  assertIdentifier(schema);
  const client = 'release' in db ? db : await db.connect();
  try {
    // Already migrated (by the owner, a set-up job): nothing to do, and a service's own role could not do it anyway.
    if (await messageBusIsCurrent(client, schema)) return;
    await client.query('BEGIN');
    // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog: serialise migrations.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stepwell.message-bus.migrate:${schema}`]);
    if (!(await messageBusIsCurrent(client, schema))) await client.query(messageBusSchemaSql(schema));
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
