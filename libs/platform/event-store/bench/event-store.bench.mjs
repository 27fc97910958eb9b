// Event-store throughput against the raw PostgreSQL baseline on the same server, in the same run, and against
// Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql 0.42). Run: `npm run bench:event-store`
// (it builds first). Bounded: fixed event counts, three interleaved rounds (raw, stepwell, emmett in turn, so load
// from elsewhere on the machine hits all three alike), the median of the rounds is reported. Workloads: 1 event per
// append with 1, 8 and 32 writers (BENCH_CONCURRENT events in all for the concurrent ones), 100 events per append,
// and paging through $all; every system gets a pool as large as the raw baseline's. Prints each system's ratio to
// raw pg and Stepwell's ratio to Emmett. About 1-5 minutes depending on the disk and the machine's load.
//
// Uses DATABASE_URL when set; otherwise starts its own embedded PostgreSQL with default, durable settings: every
// commit is fsync'd, so one-event appends are bounded by the disk's flush latency.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import pg from 'pg';
import { withBenchDatabase } from './bench-database.mjs';
import { createPostgresEventStore } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE ?? 500);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 30);
const BATCH = 100;
const WRITER_COUNTS = [8, 32];
const CONCURRENT_APPENDS = Number(process.env.BENCH_CONCURRENT ?? 1600);
const POOL_MAX = Math.max(...WRITER_COUNTS) + 2;
// the store's own pool takes its size from the services' variable: give it as many connections as the others get
process.env.DATABASE_POOL_MAX ??= String(POOL_MAX);
const PAGE = 1000;

const progress = (line) => console.log(`  … ${line}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function newEvent(n) {
  return {
    id: randomUUID(),
    type: 'MeasureRecorded',
    data: { questionnaire: 'PHQ-9', score: n % 27, answers: [1, 2, 0, 3, 1, 2, 0, 1, 2] },
    metadata: {
      occurredAt: '2026-11-21T09:00:00.000Z',
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'bench', organisationId: 'A81001', role: 'clinician' },
      patientSubjectId: 'subject-bench',
      schemaVersion: 1,
    },
  };
}

/** Each system implements the same four workloads; `round` keeps stream names unique across rounds. */
function rawSystem(pool) {
  const insert = (client, event, stream) =>
    client.query('INSERT INTO raw_events (event_id, stream_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5)', [
      event.id, stream, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata),
    ]);
  return {
    name: 'raw',
    async setup() {
      await pool.query(`CREATE TABLE raw_events (id bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
        type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
    },
    async single(round) {
      const client = await pool.connect();
      try {
        for (let n = 0; n < SINGLE_APPENDS; n += 1) await insert(client, newEvent(n), `single${round}-${n % 50}`);
      } finally {
        client.release();
      }
    },
    async batch(round) {
      for (let b = 0; b < BATCHES; b += 1) {
        const events = Array.from({ length: BATCH }, (_, n) => newEvent(n));
        await pool.query(
          `INSERT INTO raw_events (event_id, stream_id, type, data, metadata)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`,
          [events.map((e) => e.id), events.map(() => `batch${round}-${b}`), events.map((e) => e.type),
           events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata))],
        );
      }
    },
    async concurrent(round, writers) {
      await Promise.all(Array.from({ length: writers }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let n = w; n < CONCURRENT_APPENDS; n += writers) await insert(client, newEvent(n), `conc${writers}r${round}-${w}`);
        } finally {
          client.release();
        }
      }));
    },
    async readAll() {
      let after = 0;
      let count = 0;
      for (;;) {
        const { rows } = await pool.query('SELECT * FROM raw_events WHERE id > $1 ORDER BY id LIMIT $2', [after, PAGE]);
        if (rows.length === 0) return count;
        count += rows.length;
        after = Number(rows[rows.length - 1].id);
      }
    },
  };
}

function stepwellSystem(connectionString) {
  let store;
  return {
    name: 'stepwell',
    async setup() {
      store = await createPostgresEventStore({ connectionString });
    },
    async single(round) {
      const revisions = new Map();
      for (let n = 0; n < SINGLE_APPENDS; n += 1) {
        const stream = `single${round}-${n % 50}`;
        const result = await store.appendToStream(stream, [newEvent(n)], { expectedRevision: revisions.get(stream) ?? 'no_stream' });
        revisions.set(stream, result.nextExpectedRevision);
      }
    },
    async batch(round) {
      for (let b = 0; b < BATCHES; b += 1) {
        await store.appendToStream(`batch${round}-${b}`, Array.from({ length: BATCH }, (_, n) => newEvent(n)), { expectedRevision: 'no_stream' });
      }
    },
    async concurrent(round, writers) {
      await Promise.all(Array.from({ length: writers }, async (_, w) => {
        let expected = 'no_stream';
        for (let n = w; n < CONCURRENT_APPENDS; n += writers) {
          expected = (await store.appendToStream(`conc${writers}r${round}-${w}`, [newEvent(n)], { expectedRevision: expected })).nextExpectedRevision;
        }
      }));
    },
    async readAll() {
      let after = 0;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1].globalPosition;
      }
    },
    async teardown() {
      const started = performance.now();
      const verified = await store.verifyAll();
      progress(`stepwell: verifyAll ${verified.ok ? 'ok' : 'FAILED'} over ${verified.eventsChecked} events in ${(performance.now() - started).toFixed(0)} ms`);
      await store.close();
    },
  };
}

async function emmettSystem(connectionString) {
  const { getPostgreSQLEventStore, readMessagesBatch } = await import('@event-driven-io/emmett-postgresql');
  // dumbo is Emmett's own connection layer (its dependency, not ours): load the ES module Emmett itself uses
  const require = createRequire(import.meta.url);
  const fromEmmett = createRequire(require.resolve('@event-driven-io/emmett-postgresql'));
  const { dumbo } = await import(pathToFileURL(join(dirname(fromEmmett.resolve('@event-driven-io/dumbo')), 'index.js')).href);
  const toEmmett = (e) => ({ type: e.type, data: e.data, metadata: { correlationId: e.metadata.correlationId } });
  let es;
  let reader;
  let pool;
  return {
    name: 'emmett',
    async setup() {
      // the same pool size as the others (Emmett's own default is pg's 10)
      pool = new pg.Pool({ connectionString, max: POOL_MAX });
      pool.on('error', () => undefined);
      es = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
      await es.schema.migrate();
      reader = dumbo({ connectionString });
    },
    async single(round) {
      for (let n = 0; n < SINGLE_APPENDS; n += 1) await es.appendToStream(`single${round}-${n % 50}`, [toEmmett(newEvent(n))]);
    },
    async batch(round) {
      for (let b = 0; b < BATCHES; b += 1) {
        await es.appendToStream(`batch${round}-${b}`, Array.from({ length: BATCH }, (_, n) => toEmmett(newEvent(n))));
      }
    },
    async concurrent(round, writers) {
      await Promise.all(Array.from({ length: writers }, async (_, w) => {
        for (let n = w; n < CONCURRENT_APPENDS; n += writers) await es.appendToStream(`conc${writers}r${round}-${w}`, [toEmmett(newEvent(n))]);
      }));
    },
    async readAll() {
      let after = 0n;
      let count = 0;
      for (;;) {
        const result = await readMessagesBatch(reader.execute, { after, batchSize: PAGE });
        if (result.messages.length === 0) return count;
        count += result.messages.length;
        after = result.currentGlobalPosition;
      }
    },
    async teardown() {
      await reader.close();
      await es.close();
      await pool.end();
    },
  };
}

async function measure(system, workload, round) {
  const started = performance.now();
  const writers = /^concurrent(\d+)$/.exec(workload);
  const produced = writers ? await system.concurrent(round, Number(writers[1])) : await system[workload](round);
  const ms = performance.now() - started;
  const events = writers ? CONCURRENT_APPENDS : { single: SINGLE_APPENDS, batch: BATCHES * BATCH, readAll: produced }[workload];
  return (events * 1000) / ms;
}

async function main() {
  await withBenchDatabase('bench_event_store', progress, async (connectionString) => {
    const pool = new pg.Pool({ connectionString, max: POOL_MAX });
    pool.on('error', () => undefined);
    try {
      await runAll(pool, connectionString);
    } finally {
      await pool.end();
      // Emmett keeps idle pooled connections after close(); dropping the database ends them, and a pool without an
      // 'error' listener would crash the process on that expected termination (57P01) during teardown.
      process.on('uncaughtException', (error) => {
        if (error?.code !== '57P01') throw error;
      });
    }
  });
}

async function runAll(pool, connectionString) {
  const { rows } = await pool.query(`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, version() AS v`);
  progress(`server: ${rows[0].v.split(',')[0]}; fsync=${rows[0].fsync}, synchronous_commit=${rows[0].sc}; load average ${loadavg()[0].toFixed(1)}`);
  const systems = [rawSystem(pool), stepwellSystem(connectionString)];
  try {
    systems.push(await emmettSystem(connectionString));
  } catch (error) {
    progress(`emmett: not available (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const system of systems) await system.setup();
  const workloads = ['single', 'batch', ...WRITER_COUNTS.map((writers) => `concurrent${writers}`), 'readAll'];
  const figures = {};
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const workload of workloads) {
      for (const system of systems) {
        const perSecond = await measure(system, workload, round);
        ((figures[workload] ??= {})[system.name] ??= []).push(perSecond);
        progress(`round ${round}/${ROUNDS} ${workload.padEnd(10)} ${system.name.padEnd(8)} ${perSecond.toFixed(0)} events/s`);
      }
    }
  }
  for (const system of systems) await system.teardown?.();

  const labels = {
    single: 'append, 1 event per append (1 writer)',
    batch: `append, ${BATCH} events per append (1 writer)`,
    ...Object.fromEntries(WRITER_COUNTS.map((writers) => [`concurrent${writers}`, `append, 1 event per append (${writers} writers)`])),
    readAll: `read the global log ($all), pages of ${PAGE}`,
  };
  const cell = (value) => (value === undefined ? 'n/a' : value.toFixed(0));
  console.log(`\nevents/s, median of ${ROUNDS} interleaved rounds; same server, same database, same run; load average now ${loadavg()[0].toFixed(1)}`);
  console.log('| workload | raw pg (baseline) | stepwell | stepwell / raw | emmett 0.42 | emmett / raw | stepwell / emmett |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const workload of workloads) {
    const raw = median(figures[workload].raw);
    const ours = median(figures[workload].stepwell);
    const theirs = figures[workload].emmett ? median(figures[workload].emmett) : undefined;
    const versus = (value) => (theirs ? (value / theirs).toFixed(2) : 'n/a');
    console.log(`| ${labels[workload]} | ${cell(raw)} | ${cell(ours)} | ${(ours / raw).toFixed(2)} | ${cell(theirs)} | ${theirs ? (theirs / raw).toFixed(2) : 'n/a'} | ${versus(ours)} |`);
  }
  console.log('baselines: plain single-row INSERT with autocommit; one multi-row INSERT per 100 rows; plain SELECT ... WHERE id > $1 ORDER BY id');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
