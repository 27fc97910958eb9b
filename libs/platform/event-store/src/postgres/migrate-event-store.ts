import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { validatedSchema } from './postgres-schema';

/**
 * The SQL files are checked in beside this file. `tsc` does not copy them to dist, so the built module
 * falls back to the package's source folder.
 */
function migrationsFolder(): string {
  const beside = join(__dirname, 'migrations');
  if (existsSync(beside)) return beside;
  return resolve(__dirname, '..', '..', 'src', 'postgres', 'migrations');
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the event-store schema up to date. Safe to call from several services starting at once: the whole
 * run holds a transaction-scoped advisory lock per schema, so one migrates and the others then find nothing to do.
 */
export async function migrateEventStore(connectionString: string, schema?: string): Promise<MigrationReport> {
  const name = validatedSchema(schema);
  const folder = migrationsFolder();
  const files = (await readdir(folder)).filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file)).sort();
  const client = new Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stepwell.event_store.migrate:${name}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${name}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${name}".schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ id: string }>(`SELECT id FROM "${name}".schema_migrations`);
    const already = new Set(done.rows.map((row) => row.id));
    for (const file of files) {
      if (already.has(file)) continue;
      const sql = (await readFile(join(folder, file), 'utf8')).replaceAll('__SCHEMA__', `"${name}"`);
      await client.query(sql);
      await client.query(`INSERT INTO "${name}".schema_migrations (id) VALUES ($1)`, [file]);
      applied.push(file);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { applied };
}
