// A database of its own for one bench run: on DATABASE_URL's server when set, otherwise on an embedded PostgreSQL
// started with default, durable settings (every commit is fsync'd). Dropped (and the server stopped) afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../../../infra/postgres/embedded.mjs';

export async function withBenchDatabase(prefix, progress, work) {
  let server;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    progress('starting embedded PostgreSQL (durable settings)');
    server = await startEmbeddedPostgres();
    serverUrl = server.url;
  }
  const dbName = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (server) await server.stop();
  }
}
