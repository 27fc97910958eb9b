// What the benchmark scripts share: their database (a fresh one on the server in DATABASE_URL, else on an embedded
// PostgreSQL with durable settings, fsync on) and their run — cleanups newest first, exit 0 or 1.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../postgres/embedded.mjs';

/**
 * @param {string} prefix database name prefix, e.g. `bench_http`
 * @param {{ progress: (line: string) => void, cleanups: Array<() => Promise<void>> }} context
 * @returns {Promise<{ url: string, dbName: string, admin: import('pg').Client }>} `admin` is connected to the
 *   server's own database (for `pg_stat_activity` and the like), not to the new one
 */
export async function createBenchDatabase(prefix, { progress, cleanups }) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    progress('starting embedded PostgreSQL (durable settings)');
    const server = await startEmbeddedPostgres();
    cleanups.push(() => server.stop());
    serverUrl = server.url;
  }
  const dbName = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return { url: url.toString(), dbName, admin };
}

/**
 * Runs a benchmark's body, then its cleanups (newest first, each failure printed), and exits: 0, or 1 with the
 * error printed.
 * @param {(cleanups: Array<() => Promise<void>>) => Promise<void>} body
 */
export function runBenchmark(body) {
  const cleanups = [];
  const run = async () => {
    try {
      await body(cleanups);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
    }
  };
  run().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
