import { runOpenApiFuzz } from './fuzz/openapi-fuzz';

const cases = Number(process.env['FUZZ_CASES'] ?? 200);
const seed = Number(process.env['FUZZ_SEED'] ?? 20261202);
// In `npm test` (FUZZ_CASES unset) the run stops starting requests after 240 s, cutting every operation evenly, and
// says how many cases each ran; on an idle two-core machine all 200 run well inside it. `npm run fuzz` runs every case
// it is asked for. FUZZ_MIN_CASES (default: every case, 200) is the floor the spec insists on; lower it only on a
// machine shared with other heavy work, where the budget may cut the run.
const budgetMs = process.env['FUZZ_BUDGET_MS'] ? Number(process.env['FUZZ_BUDGET_MS']) : process.env['FUZZ_CASES'] ? undefined : 240_000;
const minCases = Math.min(cases, Number(process.env['FUZZ_MIN_CASES'] ?? cases));
const concurrency = Number(process.env['FUZZ_CONCURRENCY'] ?? 6);
const services = (process.env['FUZZ_SERVICES'] ?? 'referrals,scheduling,outcomes,consultations,directory').split(',');

/**
 * Issue 11's "done when": every operation of every service's OpenAPI document, fuzzed from a fixed seed with at
 * least 200 cases each (`npm run fuzz -- --cases 100000` for a long run). Built services, real PostgreSQL.
 */
describe('the OpenAPI fuzzer', () => {
  it(`finds no 5xx, no non-problem 4xx, nothing slower than the timeout and no write by a refused request (${cases} cases per operation, seed ${seed})`, async () => {
    const began = Date.now();
    // Each service's line is printed the moment it is known, so a failure or a timeout elsewhere cannot swallow it.
    process.stdout.write(`\nOpenAPI fuzz, seed ${seed}, ${cases} cases per operation:\n`);
    const { reports, findings } = await runOpenApiFuzz({ cases, seed, services, requestTimeoutMs: 10_000, concurrency, ...(budgetMs === undefined ? {} : { budgetMs }), log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`OpenAPI fuzz done in ${Math.round((Date.now() - began) / 1000)} s, ${findings.length} findings\n`);
    for (const report of reports) {
      // Named by service, so a failure says which one the budget cut short.
      expect({ service: report.service, atLeast: report.fewestCasesPerOperation >= (budgetMs === undefined ? cases : minCases) ? 'enough' : report.fewestCasesPerOperation }).toEqual({ service: report.service, atLeast: 'enough' });
    }
    expect(reports.map((report) => report.service)).toEqual(services);
    const shown = findings.slice(0, 30).map((f) => `${f.service} ${f.operation}: ${f.problem}\n    ${f.request}`);
    expect(shown).toEqual([]);
  }, Number(process.env['FUZZ_TIMEOUT_MS'] ?? 900_000));
});
