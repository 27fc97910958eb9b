// `npm test`: build, type-check and lint the workspace, then run every project's tests through Nx against one
// real PostgreSQL (embedded, or DATABASE_URL) and one real Kafka broker (started from infra/kafka when Java and
// Maven are present, or KAFKA_BROKERS), shared by the whole run. Prints one closing line for the workspace.
//
// Environment: DATABASE_URL, KAFKA_BROKERS (use these servers), REQUIRE_KAFKA=1 (fail instead of skipping the
// Kafka suites), TEST_PROJECTS=a,b (only these Nx projects), SKIP_LINT=1 (inner loop only).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflightEmbeddedPostgres, startEmbeddedPostgres } from '../postgres/embedded.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (message) => console.log(`\n[npm test ${elapsed()}] ${message}`);
const cleanups = [];

function run(label, command, args, env = process.env, cwd = root) {
  say(label);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Suites whose dates come from the clock (daylight-saving changes, waiting windows): re-run two years ahead. */
const DATE_SENSITIVE_SUITES = [
  { project: 'libs/platform/testing', files: ['src/test-time.spec.ts'] },
  { project: 'services/scheduling', files: ['src/diary-sessions/add-session.int-spec.ts', 'src/waits/waits.int-spec.ts'] },
  { project: 'services/consultations', files: ['src/domain/calendar/working-days.spec.ts'] },
];

const has = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

async function startKafka() {
  if (process.env.KAFKA_BROKERS) return { env: {}, brokers: process.env.KAFKA_BROKERS, note: 'KAFKA_BROKERS' };
  if (!has('java', ['-version']) || !has('mvn', ['-v'])) {
    return { brokers: null, note: 'Java 17 and Maven are not both on PATH, so no Kafka broker can be started' };
  }
  const brokerModule = join(root, 'infra/kafka/broker.mjs');
  if (!existsSync(brokerModule)) return { brokers: null, note: 'infra/kafka/broker.mjs is missing' };
  const { startKafkaBroker, kafkaClientEnv } = await import(brokerModule);
  // Any free port pair, so that a developer's own broker on 9092 does not get in the way. SCRAM users (admin and
  // one per service) and ACLs, as in production: the suites authenticate (KAFKA_SASL_*, KAFKA_TEST_CREDENTIALS).
  const broker = await startKafkaBroker({ port: 0, scram: true, log: () => {} });
  cleanups.push(() => broker.stop());
  return { env: kafkaClientEnv(broker), brokers: broker.brokers.join(','), note: 'started from infra/kafka, SCRAM users and ACLs' };
}

async function main() {
  const resultsDir = mkdtempSync(join(tmpdir(), 'stepwell-test-results-'));
  cleanups.push(async () => rmSync(resultsDir, { recursive: true, force: true }));
  const env = { ...process.env, STEPWELL_TEST_RESULTS_DIR: resultsDir, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // Before minutes of build: run as root from a folder the postgres user cannot enter, say so now, naming the fix.
  if (!process.env.DATABASE_URL) await preflightEmbeddedPostgres();

  // Kafka takes up to a minute or two to start on two cores: start it while the build and lint run.
  say('starting Kafka in the background (infra/kafka) …');
  const kafka = startKafka().catch((error) => ({ brokers: null, note: `the broker failed to start: ${error.message}` }));

  let code = await run('lock file records every platform package (npm ci needs it)', 'node', ['infra/local/lockfile-platform-stubs.mjs', '--check'], env);
  if (code === 0) code = await run('build (tsc -b)', 'npx', ['tsc', '-b', 'tsconfig.build.json'], env);
  if (code === 0) code = await run('type-check sources and tests', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], env);
  if (code === 0 && process.env.SKIP_LINT !== '1') {
    // The module-boundary rule reads Nx's cached project graph and silently skips itself without one.
    code = await run('project graph (for the module-boundary lint)', 'npx', ['nx', 'show', 'projects'], env);
    if (code === 0) code = await run('lint (module boundaries, domain purity)', 'npx', ['eslint', '--max-warnings=0', '.'], env);
  }
  if (code !== 0) {
    await kafka;
    return code;
  }

  if (!process.env.DATABASE_URL) {
    say('starting an embedded PostgreSQL for the test run …');
    const pg = await startEmbeddedPostgres({ fast: true });
    cleanups.push(() => pg.stop());
    env.DATABASE_URL = pg.url;
    console.log(`PostgreSQL ${pg.url.replace(/:[^:@/]+@/, ':***@')}`);
  } else {
    console.log('PostgreSQL from DATABASE_URL');
  }

  say('waiting for Kafka …');
  const { brokers, note, env: kafkaEnv = {} } = await kafka;
  if (brokers) {
    Object.assign(env, kafkaEnv);
    env.KAFKA_BROKERS = brokers;
    console.log(`Kafka ${brokers} (${note})`);
  } else if (process.env.REQUIRE_KAFKA === '1') {
    console.error(`REQUIRE_KAFKA=1 but no Kafka broker is available: ${note}`);
    return 1;
  } else {
    console.warn(`No Kafka broker: ${note}. The Kafka suites will be reported as skipped.`);
  }

  const projects = process.env.TEST_PROJECTS ? ['--projects', process.env.TEST_PROJECTS] : [];
  code = await run('tests (nx run-many -t test)', 'npx', ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', ...projects], env);

  // Guard against tests that expire (issue 12 item 19): the date-sensitive suites again with the test clock two
  // years ahead (STEPWELL_TEST_CLOCK_SHIFT_DAYS, honoured by @stepwell/testing's testNow() and the services' test
  // clocks). A test that hard-codes a calendar date fails here long before that date arrives. Cheap: a few files.
  if (!process.env.TEST_PROJECTS) {
    const shifted = { ...env, STEPWELL_TEST_CLOCK_SHIFT_DAYS: '730' };
    for (const { project, files } of DATE_SENSITIVE_SUITES) {
      const guard = await run(`date-sensitive suites of ${project}, test clock two years ahead`, 'npx', ['jest', ...files], shifted, join(root, project));
      if (guard !== 0) code = guard;
    }
  }

  const totals = { passed: 0, failed: 0, skipped: 0, brokenSuites: 0 };
  for (const file of readdirSync(resultsDir)) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    totals.brokenSuites += result.runtimeErrorSuites;
  }
  if (totals.brokenSuites > 0) {
    console.error(`${totals.brokenSuites} test suite(s) failed to run.`);
    totals.failed += totals.brokenSuites;
  }
  if (totals.passed === 0 && code === 0) {
    console.error('No test ran.');
    code = 1;
  }
  say(`finished (${code === 0 && totals.failed === 0 ? 'green' : 'red'})`);
  console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return code !== 0 ? code : totals.failed > 0 ? 1 : 0;
}

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`clean-up failed: ${error.message}`);
    }
  }
}

process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
const exitCode = await main().catch((error) => {
  // A known set-up problem is one clear message; anything else with its stack.
  console.error(error.name === 'EmbeddedPostgresUnreachableError' ? `\n${error.message}` : error);
  return 1;
});
await cleanup();
process.exit(exitCode);
