import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { describeEventStoreConformance, newEvent, type ConformanceFixture, type Tamper } from '../testing/event-store-conformance';
import type { RecordedEvent } from '../event-store.port';
import { createPostgresEventStore } from './postgres-event-store';
import { migrateEventStore } from './migrate-event-store';

const SCHEMA = 'event_store';

async function sql(url: string, statements: Array<[string, unknown[]]>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const [text, params] of statements) await client.query(text, params);
  } finally {
    await client.end();
  }
}

function tamperWith(url: string): Tamper {
  const events = `${SCHEMA}.events`;
  return {
    alterData: (streamId, revision, data) =>
      sql(url, [[`UPDATE ${events} SET data = $3 WHERE stream_id = $1 AND revision = $2`, [streamId, revision, JSON.stringify(data)]]]),
    deleteEvent: (streamId, revision) => sql(url, [[`DELETE FROM ${events} WHERE stream_id = $1 AND revision = $2`, [streamId, revision]]]),
    // (stream_id, revision) is unique, so the swap parks both rows on negative revisions first
    swapRevisions: (streamId, first, second) =>
      sql(url, [
        [`UPDATE ${events} SET revision = -1 - revision WHERE stream_id = $1 AND revision IN ($2, $3)`, [streamId, first, second]],
        [
          `UPDATE ${events} SET revision = CASE WHEN revision = -1 - $2::bigint THEN $3::bigint ELSE $2::bigint END
            WHERE stream_id = $1 AND revision < 0`,
          [streamId, first, second],
        ],
      ]),
  };
}

async function fixture(): Promise<ConformanceFixture> {
  const database: TestDatabase = await createTestDatabase('event_store');
  const store = await createPostgresEventStore({ connectionString: database.url });
  const others: Array<{ close(): Promise<void> }> = [];
  return {
    store,
    reopen: async (options = {}) => {
      const other = await createPostgresEventStore({ connectionString: database.url, ...options });
      others.push(other);
      return other;
    },
    tamper: tamperWith(database.url),
    holdOpenAppend: async (streamId, events, options) => {
      const client = await store.pool.connect();
      await client.query('BEGIN');
      await store.appendInTransaction(client, streamId, events, options);
      const finish = async (command: string) => {
        try {
          await client.query(command);
        } finally {
          client.release();
        }
      };
      return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
    },
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      await database.drop();
    },
  };
}

describeEventStoreConformance('PostgreSQL adapter', fixture);

/** Polls a condition on the database (never a fixed sleep), failing after `timeoutMs`. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('PostgreSQL adapter specifics', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('event_store_specifics');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('migrates once when several services start at the same time', async () => {
    const reports = await Promise.all(Array.from({ length: 4 }, () => migrateEventStore(database.url, 'racing')));
    const applied = reports.flatMap((report) => report.applied);
    expect(applied).toEqual(['001-initial.sql', '002-append-function.sql', '003-concurrent-sequencing.sql', '004-multi-stream-append.sql', '005-subject-index.sql']);
    expect((await migrateEventStore(database.url, 'racing')).applied).toEqual([]);
  });

  it('keeps stores in different schemas apart and works on a pool the caller owns', async () => {
    const pool = new Pool({ connectionString: database.url });
    await migrateEventStore(database.url, 'tenant_a');
    const a = await createPostgresEventStore({ pool, schema: 'tenant_a', migrate: false });
    const b = await createPostgresEventStore({ connectionString: database.url, schema: 'tenant_b' });
    try {
      await a.appendToStream('referral-1', [newEvent()], { expectedRevision: 'no_stream' });
      expect(await b.readStream('referral-1')).toEqual([]);
      expect(await a.headPosition()).toBe(1);
    } finally {
      await a.close();
      await b.close();
      await pool.end();
    }
  });

  it('rolls a failed append inside a caller transaction back to its savepoint and leaves the transaction usable', async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: 'savepoints' });
    const client = await store.pool.connect();
    try {
      await store.appendToStream('episode-1', [newEvent()], { expectedRevision: 'no_stream' });
      await client.query('BEGIN');
      await expect(store.appendInTransaction(client, 'episode-1', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        code: 'WRONG_EXPECTED_REVISION',
      });
      await store.appendInTransaction(client, 'episode-2', [newEvent()], { expectedRevision: 'no_stream' });
      await client.query('COMMIT');
      expect(await store.readStream('episode-2')).toHaveLength(1);
      expect(await store.readStream('episode-1')).toHaveLength(1);
    } finally {
      client.release();
      await store.close();
    }
  });

  it.each(['per event', 'batch'] as const)('delivers every event exactly once and in log order to a live subscriber (%s mode) while many writers commit at once', async (mode) => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: mode === 'batch' ? 'stress_batch' : 'stress' });
    const delivered: RecordedEvent[] = [];
    const subscription = await store.subscribe(
      mode === 'batch'
        ? {
            subscriptionId: 'stress',
            source: { kind: 'all' },
            batchSize: 7,
            handleBatch: async (events) => {
              delivered.push(...events);
            },
          }
        : {
            subscriptionId: 'stress',
            source: { kind: 'all' },
            batchSize: 7,
            handle: async (event) => {
              delivered.push(event);
            },
          },
    );
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, writer) => {
          let expected: number | 'no_stream' = 'no_stream';
          for (let round = 0; round < 12; round += 1) {
            const batch = Array.from({ length: 1 + ((writer + round) % 3) }, () => newEvent());
            expected = (await store.appendToStream(`stress-${writer}`, batch, { expectedRevision: expected })).nextExpectedRevision;
          }
        }),
      );
      const head = await store.headPosition();
      await subscription.waitForCheckpoint(head);
      const log = await store.readAll();
      expect(delivered.map((event) => event.id)).toEqual(log.map((event) => event.id));
      expect(new Set(delivered.map((event) => event.id)).size).toBe(delivered.length);
      expect(log).toHaveLength(6 * 24);
      const positions = delivered.map((event) => event.globalPosition);
      expect(positions.every((position, index) => index === 0 || position > positions[index - 1]!)).toBe(true);
      expect((await store.verifyAll()).ok).toBe(true);
    } finally {
      await subscription.stop();
      await store.close();
    }
  });

  it('lets a writer commit past a lower global position taken but not yet committed, and makes readers wait for it', async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: 'ordering' });
    const held = await store.pool.connect();
    const observer = new Client({ connectionString: database.url });
    await observer.connect();
    try {
      await held.query('BEGIN');
      await store.appendInTransaction(held, 'first-1', [newEvent()], { expectedRevision: 'no_stream' });
      // take the positions now, as a commit would, and keep the transaction open
      await held.query('SET CONSTRAINTS ordering.sequence_append IMMEDIATE');
      const heldPid = (await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // the writer is not serialised behind the open commit: it takes the next position and commits
      const second = await store.appendToStream('second-1', [newEvent()], { expectedRevision: 'no_stream' });
      // a reader may not pass the lower, uncommitted position: its horizon waits for that commit
      const reading = store.readAll();
      await waitFor(async () => {
        const { rows } = await observer.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND $1 = ANY(pg_blocking_pids(pid))`,
          [heldPid],
        );
        return rows.length > 0;
      });
      await held.query('COMMIT');
      const log = await reading;
      expect(log.map((event) => event.streamId)).toEqual(['first-1', 'second-1']);
      expect(second.lastGlobalPosition).toBe(log[1]!.globalPosition);
      expect(log[0]!.globalPosition).toBeLessThan(log[1]!.globalPosition);
    } finally {
      held.release();
      await observer.end();
      await store.close();
    }
  });

  it('adds the subject index to a database that already holds events, and reads a subject through it', async () => {
    const schema = 'before_subject_index';
    const store = await createPostgresEventStore({ connectionString: database.url, schema });
    const subject = (id: string) => {
      const event = newEvent();
      return { ...event, metadata: { ...event.metadata, patientSubjectId: id } };
    };
    try {
      // the database as migration 004 left it: events written, no index, 005 not recorded
      await sql(database.url, [
        [`DROP INDEX "${schema}".events_patient_subject`, []],
        [`DELETE FROM "${schema}".schema_migrations WHERE id = '005-subject-index.sql'`, []],
      ]);
      const older = Array.from({ length: 40 }, (_, n) => subject(`person-${n % 8}`));
      await store.appendToStream('referral-1', older, { expectedRevision: 'no_stream' });
      expect((await migrateEventStore(database.url, schema)).applied).toEqual(['005-subject-index.sql']);
      await store.appendToStream('referral-2', [subject('person-3')], { expectedRevision: 'no_stream' });
      const read = await store.readBySubject(['person-3']);
      expect(read.map((event) => event.revision)).toEqual([3, 11, 19, 27, 35, 0]);
      expect(read.map((event) => event.streamId)).toEqual([...Array(5).fill('referral-1'), 'referral-2']);
      // the planner takes the index (sequential scans off, as on a log far larger than this one)
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT e.seq FROM "${schema}".events e WHERE (e.metadata->>'patientSubjectId') = ANY($1::text[])`,
          [['person-3']],
        );
        expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('events_patient_subject');
      } finally {
        await client.end();
      }
    } finally {
      await store.close();
    }
  });

  it('rejects an event id that is not a UUID before writing anything', async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: 'invalid' });
    try {
      await expect(store.appendToStream('episode-1', [{ ...newEvent(), id: 'nope' }], { expectedRevision: 'any' })).rejects.toMatchObject({
        code: 'INVALID_EVENT',
      });
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
