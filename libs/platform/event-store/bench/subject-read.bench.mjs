// The subject read (`readBySubject`, migration 005's expression index) against the scans it replaced, on one log of
// BENCH_SUBJECT_EVENTS events (default 50,000; 10 per person, in streams of 100 events). Build first
// (`npm run build`), then `node libs/platform/event-store/bench/subject-read.bench.mjs`. Reports the median of
// BENCH_ROUNDS (default 5) reads of one person each for:
//   - the subject read;
//   - the subject access collector's old read: `readAll` a page of 2,000 at a time, filtered in code;
//   - the case history's old query: `metadata->>'patientSubjectId' = $1` over the log (index scans off, as before 005);
// then what the index costs: building it on the existing log (migration 005 on an existing database) and appends of
// 100-event batches with and without it (interleaved rounds).
//
// Uses DATABASE_URL when set; otherwise starts its own embedded PostgreSQL with default, durable settings.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { withBenchDatabase } from './bench-database.mjs';
import { createPostgresEventStore } from '../dist/index.js';

const EVENTS = Number(process.env.BENCH_SUBJECT_EVENTS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_PERSON = 10;
const STREAM = 100;
const SCHEMA = 'event_store';

const progress = (line) => console.log(`  … ${line}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const people = Math.max(1, Math.floor(EVENTS / PER_PERSON));

function event(n) {
  return {
    id: randomUUID(),
    type: 'MeasureRecorded',
    data: { questionnaire: 'PHQ-9', score: n % 27 },
    metadata: {
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'bench', organisationId: 'A81001', role: 'clinician' },
      patientSubjectId: `person-${n % people}`,
      schemaVersion: 1,
    },
  };
}

async function timed(work) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

async function main() {
  await withBenchDatabase('bench_subject_read', progress, async (connectionString) => {
    const store = await createPostgresEventStore({ connectionString, schema: SCHEMA });
    const pool = new pg.Pool({ connectionString, max: 2 });
    // the database is dropped with FORCE at the end: an idle connection's termination is expected
    pool.on('error', () => undefined);
    try {
      progress(`appending ${EVENTS} events (${people} people); load average ${loadavg()[0].toFixed(1)}`);
      for (let offset = 0; offset < EVENTS; offset += STREAM) {
        const count = Math.min(STREAM, EVENTS - offset);
        await store.appendToStream(`referral-${offset / STREAM}`, Array.from({ length: count }, (_, i) => event(offset + i)), { expectedRevision: 'no_stream' });
      }
      const subject = () => `person-${Math.floor(Math.random() * people)}`;

      const indexed = [];
      const collectorScan = [];
      const historyScan = [];
      for (let round = 0; round < ROUNDS; round++) {
        const person = subject();
        const read = await timed(() => store.readBySubject([person]));
        indexed.push(read.ms);
        const scan = await timed(async () => {
          const found = [];
          for (let after = 0; ; ) {
            const page = await store.readAll({ after, maxCount: 2000 });
            for (const recorded of page) if (recorded.metadata.patientSubjectId === person) found.push(recorded);
            if (page.length < 2000) return found;
            after = page[page.length - 1].globalPosition;
          }
        });
        collectorScan.push(scan.ms);
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SET LOCAL enable_indexscan = off');
          await client.query('SET LOCAL enable_bitmapscan = off');
          const sql = await timed(() =>
            client.query(
              `SELECT l.global_position, e.event_id FROM "${SCHEMA}".log l JOIN "${SCHEMA}".events e ON e.seq = l.seq
                WHERE e.metadata->>'patientSubjectId' = $1 AND l.recorded_at <= now() ORDER BY l.global_position`,
              [person],
            ),
          );
          await client.query('COMMIT');
          historyScan.push(sql.ms);
          if (sql.result.rows.length !== read.result.length || scan.result.length !== read.result.length) {
            throw new Error(`the reads disagree for ${person}: ${read.result.length} / ${scan.result.length} / ${sql.result.rows.length}`);
          }
        } finally {
          client.release();
        }
      }

      progress('index build on the existing log, and appends with and without the index');
      await pool.query(`DROP INDEX "${SCHEMA}".events_patient_subject`);
      const build = await timed(() => pool.query(`CREATE INDEX events_patient_subject ON "${SCHEMA}".events ((metadata->>'patientSubjectId'))`));
      const withIndex = [];
      const withoutIndex = [];
      let streams = 0;
      const appendBatches = async () => {
        const { ms } = await timed(async () => {
          for (let batch = 0; batch < 20; batch++) {
            await store.appendToStream(`extra-${streams++}`, Array.from({ length: 100 }, (_, i) => event(i)), { expectedRevision: 'no_stream' });
          }
        });
        return 2000 / (ms / 1000);
      };
      for (let round = 0; round < 3; round++) {
        withIndex.push(await appendBatches());
        await pool.query(`DROP INDEX "${SCHEMA}".events_patient_subject`);
        withoutIndex.push(await appendBatches());
        await pool.query(`CREATE INDEX events_patient_subject ON "${SCHEMA}".events ((metadata->>'patientSubjectId'))`);
      }

      const read = median(indexed);
      console.log(`\n${EVENTS} events, ${PER_PERSON} per person; median of ${ROUNDS} reads of one person; load average ${loadavg()[0].toFixed(1)}`);
      console.log('| read of one person | ms | × the subject read |');
      console.log('|---|---:|---:|');
      console.log(`| readBySubject (index) | ${read.toFixed(1)} | 1 |`);
      console.log(`| old collector: readAll pages of 2,000, filtered | ${median(collectorScan).toFixed(1)} | ${(median(collectorScan) / read).toFixed(0)} |`);
      console.log(`| old case history: metadata filter, no index | ${median(historyScan).toFixed(1)} | ${(median(historyScan) / read).toFixed(0)} |`);
      console.log(`\nbuilding the index on ${EVENTS} events (migration 005 on an existing database): ${build.ms.toFixed(0)} ms`);
      console.log(`appends of 100-event batches, events/s (median of 3): with the index ${median(withIndex).toFixed(0)}, without ${median(withoutIndex).toFixed(0)} (${(median(withIndex) / median(withoutIndex)).toFixed(2)}×)`);
    } finally {
      await pool.end();
      await store.close();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
