import type { ClientBase, Pool } from 'pg';
import type { VerificationResult } from '../event-store.port';
import { verifyLinks, type StoredLink, type StreamHead } from '../hash/verify-chain';
import { toSafeNumber } from './postgres-rows';

interface LinkRow {
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

async function checkStream(pool: ClientBase, schema: string, streamId: string): Promise<{ events: number; failure: ReturnType<typeof verifyLinks> }> {
  const links = await pool.query<LinkRow>(
      `SELECT event_id, stream_id, revision, type, data, metadata, prev_hash, hash
         FROM "${schema}".events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
  );
  const head = await pool.query<{ revision: string; last_hash: string }>(
    `SELECT revision, last_hash FROM "${schema}".streams WHERE stream_id = $1`,
    [streamId],
  );
  const stored: StoredLink[] = links.rows.map((row) => ({
    id: row.event_id,
    streamId: row.stream_id,
    revision: toSafeNumber(row.revision),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
    previousHash: row.prev_hash,
  }));
  const headRow = head.rows[0];
  const streamHead: StreamHead | null = headRow ? { revision: toSafeNumber(headRow.revision), hash: headRow.last_hash } : null;
  return { events: stored.length, failure: verifyLinks(streamId, stored, streamHead) };
}

/** Heads and events must come from one snapshot, or a concurrent append would look like a removed event. */
async function inSnapshot<T>(pool: Pool, work: (client: ClientBase) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await work(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

export function verifyOneStream(pool: Pool, schema: string, streamId: string): Promise<VerificationResult> {
  return inSnapshot(pool, (client) => verifyIn(client, schema, streamId));
}

async function verifyIn(client: ClientBase, schema: string, streamId: string): Promise<VerificationResult> {
  const { events, failure } = await checkStream(client, schema, streamId);
  return failure
    ? { ok: false, streamsChecked: 1, eventsChecked: events, failure }
    : { ok: true, streamsChecked: 1, eventsChecked: events };
}

/** Every stream the head table knows, plus any stream that has events but lost its head row. */
export function verifyAllStreams(pool: Pool, schema: string): Promise<VerificationResult> {
  return inSnapshot(pool, (client) => verifyAllIn(client, schema));
}

async function verifyAllIn(pool: ClientBase, schema: string): Promise<VerificationResult> {
  const { rows } = await pool.query<{ stream_id: string }>(
    `SELECT stream_id FROM "${schema}".streams WHERE revision >= 0
     UNION SELECT DISTINCT stream_id FROM "${schema}".events ORDER BY stream_id`,
  );
  let eventsChecked = 0;
  let streamsChecked = 0;
  for (const { stream_id: streamId } of rows) {
    const { events, failure } = await checkStream(pool, schema, streamId);
    streamsChecked += 1;
    eventsChecked += events;
    if (failure) return { ok: false, streamsChecked, eventsChecked, failure };
  }
  return { ok: true, streamsChecked, eventsChecked };
}
