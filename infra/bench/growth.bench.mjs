// `npm run bench:growth`: how the PostgreSQL event store behaves as it grows. Loads one store to 10^4, 10^5 and
// 10^6 events (--full: also 10^7; --sizes 1000,5000 for any list) across realistic streams — per person a referral
// stream (3–5 events), an episode stream (4–16 events) and an access stream (who read the record: 3–12 events) —
// and at each size reports:
//   append p50/p99       single-event appends to existing streams (the store's own API, one at a time)
//   history read p99     one person's whole history (their referral, episode and access streams) through
//                        readStream, beside the same rows by plain SQL on the same tables (the baseline)
//   $all replay          events/s reading 100,000 events (or all) of the log in pages of 1,000 from its middle
//   catch-up page        time to read one 500-event page of $all at random positions (what a subscription does)
//   rebuild              not measured here: the only read-model rebuild (`npm run rebuild referrals`) projects the
//                        referrals service's own event shapes, which these synthetic streams do not reproduce
//   size                 the event store schema's tables and indexes on disk, per million events
// Loading goes through the store's own appends (one append per stream, 8 writers) on connections with
// synchronous_commit off (the rows are the same; only the loader stops waiting for each WAL flush): bulk COPY would
// skip the hash chain and the position sequencing that the figures are about. Every figure is measured through a
// second store instance with the server's durable defaults, after an ANALYZE of the store's tables (as autovacuum
// would have run on a store that grew over time). Durable PostgreSQL (fsync on) unless
// DATABASE_URL says otherwise. Figures at each size are ratios to the first size's, measured in the same run.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBenchDatabase, runBenchmark } from './bench-harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    samples: { type: 'string' },
  },
});
const SIZES = args.sizes ? args.sizes.split(',').map(Number) : [1e4, 1e5, 1e6, ...(args.full ? [1e7] : [])];
const SAMPLES = Number(args.samples ?? 200);
const WRITERS = 8;
const SCHEMA = 'growth_events';

const progress = (line) => console.log(`  … ${line}`);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const randomInt = (n) => Math.floor(Math.random() * n);

function metadata(patientSubjectId, n) {
  return {
    occurredAt: new Date(Date.now() - n * 60_000).toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: { userId: `u-${n % 97}`, organisationId: 'RXT01', role: 'clinician' },
    patientSubjectId,
    schemaVersion: 1,
  };
}

/** One person's streams, with event bodies of the sizes the services write (ids, codes, short free text). */
function personStreams(patient) {
  const referralId = randomUUID();
  const episodeId = randomUUID();
  const referral = Array.from({ length: 3 + randomInt(3) }, (_, n) => ({
    id: randomUUID(),
    type: ['ReferralReceived', 'ReferralTriaged', 'ReferralNoteAdded', 'ReferralContactRecorded', 'ReferralClosed'][n],
    data: { referralId, patientSubjectId: patient, urgency: 'routine', source: 'gp', receivingOrganisation: 'RXT01', reason: 'Low mood and poor sleep for three months', presentingProblems: ['low-mood', 'sleep'] },
    metadata: metadata(patient, n),
  }));
  const episode = Array.from({ length: 4 + randomInt(13) }, (_, n) => ({
    id: randomUUID(),
    type: n === 0 ? 'EpisodeOpened' : n % 3 === 0 ? 'OutcomeMeasureRecorded' : 'AppointmentAttended',
    data: { episodeId, patientSubjectId: patient, step: 'step-2', providingOrganisation: 'RXT01', measure: n % 3 === 0 ? { phq9: 5 + (n % 20), gad7: 4 + (n % 17) } : null, sessionNumber: n },
    metadata: metadata(patient, n),
  }));
  const access = Array.from({ length: 3 + randomInt(10) }, (_, n) => ({
    id: randomUUID(),
    type: 'PatientRecordAccessed',
    data: { userId: `u-${n % 97}`, organisationId: 'RXT01', organisationType: 'talking-therapies', role: 'clinician', patientSubjectId: patient, resource: 'referral', resourceIds: [referralId], purpose: 'direct-care', basis: 'relationship', operation: 'read', correlationId: randomUUID(), at: new Date().toISOString() },
    metadata: metadata(patient, n),
  }));
  return [
    [`referral-${referralId}`, referral],
    [`episode-${episodeId}`, episode],
    [`access-${patient}`, access],
  ];
}

/** Appends people until the store holds at least `target` events; remembers each person's stream ids. */
async function loadTo(store, target, state) {
  // (store: the loading instance, synchronous_commit off)
  const started = performance.now();
  const from = state.events;
  let lastReport = started;
  const writer = async () => {
    while (state.events < target) {
      const patient = randomUUID();
      const streams = personStreams(patient);
      state.events += streams.reduce((sum, [, events]) => sum + events.length, 0);
      for (const [streamId, events] of streams) await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      state.people.push(streams.map(([streamId]) => streamId));
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const rate = (state.events - from) / ((lastReport - started) / 1000);
        progress(`loaded ${state.events.toLocaleString('en-GB')} of ${target.toLocaleString('en-GB')} events (${rate.toFixed(0)}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const seconds = (performance.now() - started) / 1000;
  progress(`loaded to ${state.events.toLocaleString('en-GB')} events (${((state.events - from) / seconds).toFixed(0)} events/s while loading)`);
}

async function timeEach(samples, fn) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function measure(store, raw, state) {
  // Appends: one event at a time to existing access streams (the busiest kind: every audited read appends one).
  const appends = await timeEach(SAMPLES, async () => {
    const person = state.people[randomInt(state.people.length)];
    const access = person[2];
    const patient = access.slice('access-'.length);
    await store.appendToStream(access, [{ id: randomUUID(), type: 'PatientRecordAccessed', data: { patientSubjectId: patient, resource: 'referral', purpose: 'direct-care' }, metadata: metadata(patient, 0) }], { expectedRevision: 'any' });
  });
  state.events += SAMPLES;

  const people = Array.from({ length: SAMPLES }, () => state.people[randomInt(state.people.length)]);
  const history = await timeEach(SAMPLES, async (i) => {
    for (const streamId of people[i]) await store.readStream(streamId);
  });
  let rawHistory = null;
  try {
    rawHistory = await timeEach(SAMPLES, async (i) => {
      for (const streamId of people[i]) {
        await raw.query(`SELECT event_id, type, data, metadata, revision FROM "${SCHEMA}".events WHERE stream_id = $1 ORDER BY revision`, [streamId]);
      }
    });
  } catch (error) {
    progress(`plain SQL history baseline unavailable (${error.message}): the store's tables changed shape`);
  }

  const replayCount = Math.min(100_000, state.events);
  let after = Math.max(0, Math.floor(state.events / 2 - replayCount / 2));
  let replayed = 0;
  const replayStart = performance.now();
  while (replayed < replayCount) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (page.length === 0) break;
    replayed += page.length;
    after = page[page.length - 1].globalPosition;
  }
  const replayPerSecond = replayed / ((performance.now() - replayStart) / 1000);

  const head = await store.headPosition();
  const pages = await timeEach(Math.min(SAMPLES, 100), async () => {
    await store.readAll({ after: randomInt(Math.max(1, head - 500)), maxCount: 500 });
  });

  const { rows } = await raw.query(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [SCHEMA],
  );
  return {
    events: state.events,
    appendP50: percentile(appends, 50),
    appendP99: percentile(appends, 99),
    historyP50: percentile(history, 50),
    historyP99: percentile(history, 99),
    rawHistoryP99: rawHistory ? percentile(rawHistory, 99) : NaN,
    replayPerSecond,
    pageP50: percentile(pages, 50),
    pageP99: percentile(pages, 99),
    mibPerMillion: (Number(rows[0].bytes) / 1024 / 1024) * (1e6 / state.events),
  };
}

async function main(cleanups) {
  console.log(
    `Growth benchmark: the PostgreSQL event store at ${SIZES.map((s) => s.toLocaleString('en-GB')).join(', ')} events ` +
      `(referral, episode and access streams; ${SAMPLES} samples per figure)\n` +
      `  ${cpus().length} CPU ${cpus()[0]?.model ?? ''}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  const built = join(root, 'libs/platform/event-store/dist/index.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  const { createPostgresEventStore } = (await import(pathToFileURL(built).href)).default;
  const { url: databaseUrl } = await createBenchDatabase('bench_growth', { progress, cleanups });
  const store = await createPostgresEventStore({ connectionString: databaseUrl, schema: SCHEMA });
  cleanups.push(() => store.close());
  const loaderPool = new pg.Pool({ connectionString: databaseUrl, max: WRITERS, options: '-c synchronous_commit=off' });
  loaderPool.on('error', () => undefined); // idle connections ended by the DROP DATABASE at the end
  cleanups.push(() => loaderPool.end());
  const loader = await createPostgresEventStore({ pool: loaderPool, schema: SCHEMA, migrate: false });
  cleanups.push(() => loader.close());
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  cleanups.push(() => raw.end());

  const state = { events: 0, people: [] };
  const rows = [];
  for (const size of SIZES) {
    progress(`loading to ${size.toLocaleString('en-GB')} events`);
    await loadTo(loader, size, state);
    // What autovacuum does to a store that grew over months; right after a bulk load the planner's statistics
    // would still describe the empty tables.
    await raw.query(`ANALYZE "${SCHEMA}".events, "${SCHEMA}".log, "${SCHEMA}".streams`).catch((error) => progress(`ANALYZE skipped: ${error.message}`));
    progress(`measuring at ${state.events.toLocaleString('en-GB')} events`);
    const row = await measure(store, raw, state);
    rows.push(row);
    progress(
      `${row.events.toLocaleString('en-GB')} events: append p99 ${row.appendP99.toFixed(1)} ms, history p99 ${row.historyP99.toFixed(1)} ms ` +
        `(plain SQL ${row.rawHistoryP99.toFixed(1)} ms), replay ${row.replayPerSecond.toFixed(0)}/s, page p99 ${row.pageP99.toFixed(1)} ms`,
    );
  }

  const first = rows[0];
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  console.log('\nGrowth (ratios: to the smallest size in this run; history also to plain SQL on the same tables at the same size)');
  console.log('        events │ append p50  p99 ms │ history p50  p99 ms  ×SQL │ $all replay/s │ page p50  p99 ms │ MiB per 10⁶ │ ×append p99 ×history p99 ×replay');
  for (const row of rows) {
    console.log(
      `  ${row.events.toLocaleString('en-GB').padStart(12)} │ ${row.appendP50.toFixed(1).padStart(10)} ${row.appendP99.toFixed(1).padStart(6)} │` +
        ` ${row.historyP50.toFixed(1).padStart(11)} ${row.historyP99.toFixed(1).padStart(6)} ${ratio(row.historyP99, row.rawHistoryP99).padStart(5)} │` +
        ` ${row.replayPerSecond.toFixed(0).padStart(13)} │ ${row.pageP50.toFixed(1).padStart(8)} ${row.pageP99.toFixed(1).padStart(6)} │ ${row.mibPerMillion.toFixed(0).padStart(11)} │` +
        ` ${ratio(row.appendP99, first.appendP99).padStart(11)} ${ratio(row.historyP99, first.historyP99).padStart(12)} ${ratio(row.replayPerSecond, first.replayPerSecond).padStart(7)}`,
    );
  }
  console.log('  read-model rebuild rate: not measured (the referrals rebuild projects only that service\'s own event shapes)');
}

runBenchmark(main);
