// `npm run bench:http`: the referrals service's HTTP edge under load, beside a bare route in the same framework.
//
// Starts the built referrals service as its own process (real PostgreSQL: DATABASE_URL, else an embedded server
// with durable settings; tokens from the embedded issuer, verified through its JWKS exactly as in `npm start`) and a
// bare NestJS (Express) application doing one INSERT / one SELECT on the same server, then drives
//   POST /referrals        (a GP referrer; a distinct person per request, valid Modulus 11 NHS numbers)
//   GET  /referrals/{id}   (an audited read of referrals made in this run)
// and the bare routes with autocannon at rising concurrency. Prints throughput (2xx/s), p50/p99 and their ratios
// to the bare route measured in the same run, and each process's resident memory at idle and at peak.
//
// Options: --quick (1 client, 1 s per step: the smoke test), --duration <s> (default 10), --clients 1,8,32,
// --routes post|get (default both), BENCH_PROFILE=<dir>: the service runs with node --cpu-prof (written to <dir>
// when it stops) and infra/bench/pg-spans.cjs, and each step prints the service's CPU time per request, its SQL
// statements per request with their time, and what its database sessions were waiting on (sampled
// pg_stat_activity) — see docs/performance/referral-write-profile.md; BENCH_PROFILE_TOP=<n> lists n statement shapes (24).
// --shared-key <n> (default 350; 0: off): before the POST steps, n people who share one name, birth date and postcode
// (distinct NHS numbers) are referred, and each POST step is repeated with new people of that same match key — the
// case that fell to 7/s in issue 14. --grow <events> (default 0): before the service starts, its event store is
// loaded to that many events through the store's own appends (per person: NHS-number key, registration and
// demographic key in one multi-stream append, then 20–30 access events — the audit trail that dominates a real
// store), so that a run can be compared with one on an empty store (`--grow 1000000`).
// The organisation write rate limit is raised for the run (RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE): the
// benchmark measures the write path, not the limiter.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../local/ports.mjs';
import { createBenchDatabase, runBenchmark } from './bench-harness.mjs';

const requireBuilt = createRequire(import.meta.url);
const { nhsNumberCheckDigit, demographicKey } = requireBuilt('../../services/referrals/dist/domain/patient-identity/index.js');
const { patientKeyStreamId, patientStreamId } = requireBuilt('../../services/referrals/dist/domain/patient-index/patient.events.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    clients: { type: 'string' },
    routes: { type: 'string', default: 'post,get' },
    'shared-key': { type: 'string' },
    grow: { type: 'string', default: '0' },
  },
});
const SHARED_KEY_PEOPLE = Number(args['shared-key'] ?? (args.quick ? 0 : 350));
const GROW_TO = Number(args.grow);
const DURATION = Number(args.duration ?? (args.quick ? 1 : 10));
const CLIENTS = (args.clients ?? (args.quick ? '1' : '1,8,32')).split(',').map(Number);
const WARM_UP = args.quick ? 3 : 30;
const ROUTES = new Set(args.routes.split(','));
const PROFILE_DIR = process.env.BENCH_PROFILE;
// The spans file is written into it on request, before `--cpu-prof` would create it at exit.
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
/** BENCH_PORT_BASE=<n>: the service, the bare route and the token issuer on n, n+1, n+2 (else ports the kernel picks). */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 0);
const portAt = (offset) => freePort(PORT_BASE ? PORT_BASE + offset : 0);

const progress = (line) => console.log(`  … ${line}`);

/** A valid NHS number per seed, by the referrals service's own Modulus 11 rule (built by `npm run bench:http`). */
function nhsNumberFor(seed) {
  for (let n = seed; ; n++) {
    const nine = String(900000000 + (n % 99999999)).padStart(9, '0');
    const check = nhsNumberCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

/** Letters only, distinct per seed: distinct people also by name, birth date and postcode (their match key). */
const nameFor = (seed) => `Bench${seed.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)])}`;

/** `sharedKey`: the person shares name, birth date and postcode with every other such person (own NHS number). */
function referralFor(seed, sharedKey = false) {
  return {
    source: 'gp',
    patient: {
      nhsNumber: nhsNumberFor(seed * 3 + 1),
      givenName: sharedKey ? 'Shared' : nameFor(seed),
      familyName: 'Example',
      dateOfBirth: '1990-04-01',
      postcode: 'LS1 4AP',
      phone: '0113 496 0000',
      preferredLanguage: 'en',
      interpreterNeeded: false,
    },
    receivingOrganisation: 'RXT01',
    urgency: 'routine',
    reason: 'Low mood and poor sleep for three months',
    presentingProblems: ['low-mood', 'sleep'],
    riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
    consentToShare: true,
    registeredGpPractice: 'A81001',
  };
}

/** Resident memory of a process in MiB: now (VmRSS) and its high-water mark (VmHWM). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function waitFor(label, child, probe, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label} exited before it was ready:\n${child.tail()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label} was not ready within ${timeoutMs / 1000} s:\n${child.tail()}`);
}

function startProcess(label, nodeArgs, env) {
  const child = spawn(process.execPath, nodeArgs, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 100) lines.splice(0, lines.length - 100);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.tail = () => lines.join('\n');
  child.exited = new Promise((resolve) => child.once('exit', resolve));
  child.stopGracefully = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await child.exited;
    clearTimeout(timer);
  };
  progress(`${label} started (pid ${child.pid})`);
  return child;
}

/** One autocannon run; returns 2xx/s and latency percentiles, and fails loudly on any non-2xx. */
async function drive(label, { url, connections, requests, process: server }) {
  const result = await autocannon({ url, connections, duration: DURATION, requests, timeout: 30 });
  const ok = result['2xx'];
  const bad = result.non2xx + result.errors + result.timeouts;
  const figure = {
    label,
    connections,
    perSecond: ok / (result.duration || DURATION),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad,
  };
  progress(
    `${label.padEnd(24)} ${String(connections).padStart(2)} clients: ${figure.perSecond.toFixed(0).padStart(6)}/s  ` +
      `p50 ${figure.p50.toFixed(1)} ms  p99 ${figure.p99.toFixed(1)} ms  (${ok} ok${bad ? `, ${bad} NOT ok` : ''})`,
  );
  // Not thrown: a step where nothing succeeded (timeouts under overload) is a figure too, printed as 0/s.
  if (bad > 0 && ok === 0) {
    const exited = server && server.exitCode !== null;
    progress(`${label}: no request succeeded (server ${exited ? `exited ${server.exitCode ?? server.signalCode}` : 'running'})`);
    // The server's last lines say why it stopped (a crash would otherwise read as a 0/s figure).
    if (exited) progress(`last lines of the server's output:\n${server.tail()}`);
  }
  return figure;
}

/** CPU time (user + system) of a process so far, in ms. */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100/s)
}

/**
 * Runs one step with the service's timed spans reset before and read after (SIGWINCH makes pg-spans.cjs write and
 * clear them), its CPU time measured, and its database sessions' wait events sampled every 20 ms; prints them.
 */
async function profile(label, pid, admin, dbName, run) {
  const spansFile = join(PROFILE_DIR, 'pg-spans.json');
  const signal = async () => {
    process.kill(pid, 'SIGWINCH');
    await new Promise((r) => setTimeout(r, 300));
  };
  await signal();
  const waits = new Map();
  let samples = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await admin.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU / none') AS wait, state FROM pg_stat_activity
          WHERE datname = $1 AND backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()`,
        [dbName],
      );
      samples++;
      for (const row of rows) waits.set(`${row.state}, ${row.wait}`, (waits.get(`${row.state}, ${row.wait}`) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const cpuBefore = cpuMsOf(pid);
  let figure;
  try {
    figure = await run();
  } finally {
    sampling = false;
    await sampler;
  }
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  await signal();
  const spans = JSON.parse(readFileSync(spansFile, 'utf8')).sort((a, b) => b.totalMs - a.totalMs);
  const requests = figure.ok + figure.bad;
  const sqlMs = spans.reduce((sum, s) => sum + s.totalMs, 0);
  const statements = spans.reduce((sum, s) => sum + s.count, 0);
  console.log(`\n  profile: ${label} — ${requests} requests, p50 ${figure.p50} ms`);
  console.log(
    `    service CPU ${(cpuMs / requests).toFixed(1)} ms/request (${((cpuMs / (DURATION * 1000)) * 100).toFixed(0)}% of one core); ` +
      `${(statements / requests).toFixed(1)} SQL statements/request taking ${(sqlMs / requests).toFixed(1)} ms/request (sum of their wall times)`,
  );
  for (const span of spans.slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 24))) {
    console.log(
      `    ${(span.count / requests).toFixed(2).padStart(6)}×/req ${(span.totalMs / requests).toFixed(2).padStart(7)} ms/req  mean ${(span.totalMs / span.count).toFixed(2).padStart(6)} ms  max ${span.maxMs.toFixed(0).padStart(5)} ms  ${span.shape}`,
    );
  }
  console.log(`    database sessions of the service, average over ${samples} samples (20 ms apart):`);
  for (const [wait, count] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`      ${(count / samples).toFixed(2).padStart(5)} sessions  ${wait}`);
  }
  console.log('');
  return figure;
}

/** Loads the service's event store (schema `referrals_events`) to `target` events before the service starts. */
async function growStore(databaseUrl, target) {
  const { createPostgresEventStore } = requireBuilt('../../libs/platform/event-store/dist/index.js');
  // the schema and its migrations first (durable), then 8 loaders with synchronous_commit off (same rows)
  await (await createPostgresEventStore({ connectionString: databaseUrl, schema: 'referrals_events' })).close();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8, options: '-c synchronous_commit=off' });
  const store = await createPostgresEventStore({ pool, schema: 'referrals_events', migrate: false });
  const meta = (patientSubjectId) => ({ occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, actor: { userId: 'u-grow', organisationId: 'RXT01', role: 'clinician' }, patientSubjectId, schemaVersion: 1 });
  const started = performance.now();
  let events = 0;
  let person = 0;
  let lastReport = started;
  const loader = async () => {
    while (events < target) {
      const n = person++;
      const id = randomUUID();
      const patient = { nhsNumber: nhsNumberFor(5_000_000 + n * 3), givenName: `Grown${nameFor(n)}`, familyName: 'Example', dateOfBirth: '1980-01-01', postcode: 'LS1 4AP' };
      const key = demographicKey(patient);
      const link = (kind, value) => ({ streamId: patientKeyStreamId({ kind, value }), events: [{ id: randomUUID(), type: 'PatientKeyLinked', data: { patientSubjectId: id, kind }, metadata: meta(id) }], expectedRevision: kind === 'nhs-number' ? 'no_stream' : 'any' });
      const registered = { patientSubjectId: id, nhsNumber: patient.nhsNumber, givenName: patient.givenName, familyName: 'Example', dateOfBirth: '1980-01-01', postcode: 'LS1 4AP', phone: null, email: null, preferredLanguage: 'en', interpreterNeeded: false, demographicKey: key };
      await store.appendToStreams([
        link('nhs-number', patient.nhsNumber),
        { streamId: patientStreamId(id), events: [{ id: randomUUID(), type: 'PatientRegistered', data: registered, metadata: meta(id) }], expectedRevision: 'no_stream' },
        link('demographics', key),
      ]);
      const reads = Array.from({ length: 20 + (n % 11) }, () => ({
        id: randomUUID(),
        type: 'PatientRecordAccessed',
        data: { userId: 'u-grow', organisationId: 'RXT01', organisationType: 'talking-therapies', role: 'clinician', patientSubjectId: id, resource: 'referral', resourceIds: [randomUUID()], purpose: 'direct-care', basis: 'relationship', operation: 'read', correlationId: randomUUID(), at: new Date().toISOString() },
        metadata: meta(id),
      }));
      await store.appendToStream(`access-${id}`, reads, { expectedRevision: 'no_stream' });
      events += 3 + reads.length;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`grown to ${events.toLocaleString('en-GB')} of ${target.toLocaleString('en-GB')} events (${(events / ((lastReport - started) / 1000)).toFixed(0)}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, loader));
  await store.close();
  await pool.end();
  progress(`store grown to ${events.toLocaleString('en-GB')} events (${person.toLocaleString('en-GB')} people) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function main(cleanups) {
  console.log(
    `HTTP benchmark: referrals POST /referrals and GET /referrals/{id} vs a bare NestJS route (one INSERT / one SELECT)\n` +
      `  ${cpus().length} CPU ${cpus()[0]?.model ?? ''}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
      `${DURATION} s per step at ${CLIENTS.join(', ')} clients (autocannon)`,
  );
  for (const built of ['services/referrals/dist/main.js', 'libs/platform/access/dist/index.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  const { url: databaseUrl, dbName, admin } = await createBenchDatabase('bench_http', { progress, cleanups });
  if (GROW_TO > 0) {
    await growStore(databaseUrl, GROW_TO);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'stepwell-bench-http-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const access = (await import(pathToFileURL(join(root, 'libs/platform/access/dist/index.js')).href)).default;
  const issuer = await access.serveJwks(PORT_BASE ? PORT_BASE + 2 : 0, { dataDir });
  cleanups.push(() => issuer.close());
  const key = await access.loadOrCreateSigningKey(dataDir);
  const token = await access.signToken(
    { user: 'u-bench-gp', org: 'A81001', orgType: 'gp-practice', roles: ['clinician', 'referrer'], ttl: '4h' },
    { key, issuer: access.EMBEDDED_ISSUER, audience: access.DEFAULT_AUDIENCE },
  );
  const authorization = `Bearer ${token}`;

  const referralsPort = await portAt(0);
  const referrals = startProcess(
    'referrals service',
    [
      ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--require', join(root, 'infra/bench/pg-spans.cjs')] : []),
      join(root, 'services/referrals/dist/main.js'),
    ],
    {
      ...(PROFILE_DIR ? { PG_SPANS_FILE: join(PROFILE_DIR, 'pg-spans.json') } : {}),
      DATABASE_URL: databaseUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: access.EMBEDDED_ISSUER,
      AUTH_AUDIENCE: access.DEFAULT_AUDIENCE,
      STEPWELL_DATA_DIR: dataDir,
      PORT: String(referralsPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: '1000000',
    },
  );
  cleanups.push(() => referrals.stopGracefully());
  const referralsUrl = `http://127.0.0.1:${referralsPort}`;
  // a grown store: the read models are built from the whole log at the first start
  await waitFor('referrals service', referrals, async () => (await fetch(`${referralsUrl}/ready`)).status === 200, GROW_TO > 0 ? 1_800_000 : 90_000);

  const barePort = await portAt(1);
  const bare = startProcess('bare route (NestJS)', [join(root, 'infra/bench/bare-route-server.mjs')], {
    DATABASE_URL: databaseUrl,
    PORT: String(barePort),
    HOST: '127.0.0.1',
  });
  cleanups.push(() => bare.stopGracefully());
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await waitFor('bare route', bare, async () => (await fetch(`${bareUrl}/bare/${randomUUID()}`)).status === 404);

  let firstFailure = null;
  let seed = 1 + (Date.now() % 1_000_000) * 10;
  const referralIds = [];
  const bareIds = [];
  const headers = { 'content-type': 'application/json', authorization };
  const postReferral = {
    method: 'POST',
    path: '/referrals',
    headers,
    setupRequest: (request) => ({ ...request, body: JSON.stringify(referralFor(seed++)) }),
    onResponse: (status, body) => {
      if (status === 201) referralIds.push(JSON.parse(body).id);
      else if (!firstFailure) progress((firstFailure = `first failure: POST /referrals ${status}: ${body.slice(0, 400)}`));
    },
  };
  const postBare = {
    method: 'POST',
    path: '/bare',
    headers,
    setupRequest: (request) => ({ ...request, body: JSON.stringify(referralFor(seed++)) }),
    onResponse: (status, body) => {
      if (status === 201) bareIds.push(JSON.parse(body).id);
    },
  };
  const postSharedKey = { ...postReferral, setupRequest: (request) => ({ ...request, body: JSON.stringify(referralFor(seed++, true)) }) };
  let readCursor = 0;
  const getReferral = { method: 'GET', headers, setupRequest: (request) => ({ ...request, path: `/referrals/${referralIds[readCursor++ % referralIds.length]}` }) };
  const getBare = { method: 'GET', headers, setupRequest: (request) => ({ ...request, path: `/bare/${bareIds[readCursor++ % bareIds.length]}` }) };

  progress(`warming up (${WARM_UP} referrals, ${WARM_UP} bare inserts, one at a time)`);
  for (let i = 0; i < WARM_UP; i++) {
    for (const [base, path, ids] of [
      [referralsUrl, '/referrals', referralIds],
      [bareUrl, '/bare', bareIds],
    ]) {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(referralFor(seed++)) });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`warm-up POST ${path}: ${response.status} ${text.slice(0, 300)}`);
      ids.push(JSON.parse(text).id);
    }
  }
  if (SHARED_KEY_PEOPLE > 0 && ROUTES.has('post')) {
    progress(`referring ${SHARED_KEY_PEOPLE} people who share one name, birth date and postcode (8 at a time)`);
    let left = SHARED_KEY_PEOPLE;
    const one = async () => {
      while (left-- > 0) {
        const response = await fetch(`${referralsUrl}/referrals`, { method: 'POST', headers, body: JSON.stringify(referralFor(seed++, true)) });
        if (response.status !== 201) throw new Error(`shared-key POST: ${response.status} ${(await response.text()).slice(0, 300)}`);
        referralIds.push(JSON.parse(await response.text()).id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, one));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const idle = { referrals: memoryOf(referrals.pid), bare: memoryOf(bare.pid) };
  progress(`idle resident memory: referrals ${idle.referrals.rss.toFixed(0)} MiB, bare ${idle.bare.rss.toFixed(0)} MiB`);

  const profiled = (label, run) => (PROFILE_DIR ? profile(label, referrals.pid, admin, dbName, run) : run());
  const rows = [];
  for (const connections of CLIENTS) {
    if (ROUTES.has('post')) {
      firstFailure = null;
      const write = await profiled(`POST /referrals, ${connections} clients`, () => drive('POST /referrals', { url: referralsUrl, connections, requests: [postReferral], process: referrals }));
      const writeBare = await drive('POST /bare (INSERT)', { url: bareUrl, connections, requests: [postBare], process: bare });
      rows.push([write, writeBare]);
      if (SHARED_KEY_PEOPLE > 0) {
        const shared = await profiled(`POST /referrals (shared key), ${connections} clients`, () =>
          drive(`POST /referrals (${SHARED_KEY_PEOPLE}+ share a key)`, { url: referralsUrl, connections, requests: [postSharedKey], process: referrals }),
        );
        rows.push([shared, writeBare]);
      }
    }
    if (ROUTES.has('get')) {
      const read = await profiled(`GET /referrals/{id}, ${connections} clients`, () => drive('GET /referrals/{id}', { url: referralsUrl, connections, requests: [getReferral], process: referrals }));
      const readBare = await drive('GET /bare/{id} (SELECT)', { url: bareUrl, connections, requests: [getBare], process: bare });
      rows.push([read, readBare]);
    }
  }
  const peak = { referrals: memoryOf(referrals.pid), bare: memoryOf(bare.pid) };

  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const size = await referralsLogSize(databaseUrl);
  console.log(`\nHTTP (${DURATION} s per step; ratios are the service's figure over the bare route's in this run; the store held ${size.toLocaleString('en-GB')} events at the end)`);
  console.log(`  ${'route'.padEnd(36)} clients   req/s   p50 ms   p99 ms │ bare req/s  p50 ms  p99 ms │ ×req/s  ×p50  ×p99`);
  for (const [service, baseline] of rows) {
    console.log(
      `  ${service.label.padEnd(36)} ${String(service.connections).padStart(7)} ${service.perSecond.toFixed(0).padStart(7)} ${service.p50.toFixed(1).padStart(8)} ${service.p99.toFixed(1).padStart(8)} │` +
        ` ${baseline.perSecond.toFixed(0).padStart(10)} ${baseline.p50.toFixed(1).padStart(7)} ${baseline.p99.toFixed(1).padStart(7)} │` +
        ` ${ratio(service.perSecond, baseline.perSecond).padStart(6)} ${ratio(service.p50, baseline.p50).padStart(5)} ${ratio(service.p99, baseline.p99).padStart(5)}` +
        (service.bad ? `   (${service.bad} not 2xx)` : ''),
    );
  }
  const maxOf = (label) => Math.max(0, ...rows.flat().filter((f) => f.label === label).map((f) => f.perSecond));
  console.log(
    `  max throughput: POST ×${ratio(maxOf('POST /referrals'), maxOf('POST /bare (INSERT)'))}, GET ×${ratio(maxOf('GET /referrals/{id}'), maxOf('GET /bare/{id} (SELECT)'))} of the bare route`,
  );
  console.log(
    `  resident memory (MiB): referrals idle ${idle.referrals.rss.toFixed(0)}, peak ${peak.referrals.peak.toFixed(0)}; ` +
      `bare route idle ${idle.bare.rss.toFixed(0)}, peak ${peak.bare.peak.toFixed(0)}`,
  );
}

/** Events in the service's store now. */
async function referralsLogSize(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::bigint AS n FROM "referrals_events".log');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

runBenchmark(main);
