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
// pg_stat_activity) — see docs/performance/referral-write-profile.md.
// The organisation write rate limit is raised for the run (RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE): the
// benchmark measures the write path, not the limiter.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from '../local/ports.mjs';
import { createBenchDatabase, runBenchmark } from './bench-harness.mjs';

const { nhsNumberCheckDigit } = createRequire(import.meta.url)('../../services/referrals/dist/domain/patient-identity/nhs-number.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    clients: { type: 'string' },
    routes: { type: 'string', default: 'post,get' },
  },
});
const DURATION = Number(args.duration ?? (args.quick ? 1 : 10));
const CLIENTS = (args.clients ?? (args.quick ? '1' : '1,8,32')).split(',').map(Number);
const WARM_UP = args.quick ? 3 : 30;
const ROUTES = new Set(args.routes.split(','));
const PROFILE_DIR = process.env.BENCH_PROFILE;
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

function referralFor(seed) {
  return {
    source: 'gp',
    patient: {
      nhsNumber: nhsNumberFor(seed * 3 + 1),
      givenName: nameFor(seed),
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
  if (bad > 0 && ok === 0) progress(`${label}: no request succeeded (server ${server?.exitCode === null ? 'running' : `exited ${server?.exitCode ?? server?.signalCode}`})`);
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
  for (const span of spans.slice(0, 24)) {
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
  await waitFor('referrals service', referrals, async () => (await fetch(`${referralsUrl}/ready`)).status === 200);

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
    }
    if (ROUTES.has('get')) {
      const read = await profiled(`GET /referrals/{id}, ${connections} clients`, () => drive('GET /referrals/{id}', { url: referralsUrl, connections, requests: [getReferral], process: referrals }));
      const readBare = await drive('GET /bare/{id} (SELECT)', { url: bareUrl, connections, requests: [getBare], process: bare });
      rows.push([read, readBare]);
    }
  }
  const peak = { referrals: memoryOf(referrals.pid), bare: memoryOf(bare.pid) };

  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  console.log(`\nHTTP (${DURATION} s per step; ratios are the service's figure over the bare route's in this run)`);
  console.log(`  ${'route'.padEnd(22)} clients   req/s   p50 ms   p99 ms │ bare req/s  p50 ms  p99 ms │ ×req/s  ×p50  ×p99`);
  for (const [service, baseline] of rows) {
    console.log(
      `  ${service.label.padEnd(22)} ${String(service.connections).padStart(7)} ${service.perSecond.toFixed(0).padStart(7)} ${service.p50.toFixed(1).padStart(8)} ${service.p99.toFixed(1).padStart(8)} │` +
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

runBenchmark(main);
