// `npm run fuzz [-- --cases N --seed S --services a,b]`: builds, then fuzzes every operation of every service's
// OpenAPI document (infra/e2e/src/fuzz/openapi-fuzz.ts) against the built services on a fresh database
// (DATABASE_URL's server, else an embedded PostgreSQL). Prints per service: operations, requests, status classes
// and the slowest request; exits non-zero on any finding.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261202' },
    services: { type: 'string', default: 'referrals,scheduling,outcomes,consultations,directory' },
  },
});
if (!/^\d+$/.test(values.cases) || !/^-?\d+$/.test(values.seed)) {
  console.error('usage: npm run fuzz -- [--cases N] [--seed S] [--services referrals,scheduling]');
  process.exit(64);
}
const run = (command, args, env = process.env) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
if (run('npx', ['tsc', '-b', 'tsconfig.build.json']) !== 0) process.exit(1);
// Roughly 20 ms a request: allow the whole run, whatever --cases asks.
const timeoutMs = Math.max(900_000, Number(values.cases) * 200 * 40);
process.exit(
  run('npx', ['jest', '-c', 'infra/fuzz/jest.config.js', '--testTimeout', String(timeoutMs)], {
    ...process.env,
    FUZZ_CASES: values.cases,
    FUZZ_SEED: values.seed,
    FUZZ_SERVICES: values.services,
    FUZZ_TIMEOUT_MS: String(timeoutMs),
  }),
);
