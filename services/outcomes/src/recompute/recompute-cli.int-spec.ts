import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';

const repo = join(__dirname, '..', '..', '..', '..');
const built = join(repo, 'services', 'outcomes', 'dist', 'cli', 'recompute.js');
const haveBuild = existsSync(built);
if (!haveBuild) console.warn(`skipping the outcomes:recompute CLI tests: ${built} is missing (run npx tsc -b tsconfig.build.json first)`);

(haveBuild ? describe : describe.skip)('npm run outcomes:recompute', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('recompute_cli');
  });
  afterAll(() => database.drop());

  const run = (...args: string[]) =>
    spawnSync('npm', ['run', '-s', 'outcomes:recompute', '--', ...args], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('applies a known rule set to all history and says how many episodes it recomputed', () => {
    const result = run('--rule-set', 'v1');
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/recomputed 0 ended episodes under rule set v1/);
  });

  it('refuses an unknown rule set with exit code 1 and its code', () => {
    const result = run('--rule-set', 'v9');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('UNKNOWN_RULE_SET');
  });

  it('prints its usage with exit code 64 when no rule set is named', () => {
    const result = run();
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--rule-set <version>');
  });
});
