import { Client } from 'pg';
import { createTestDatabase } from './database';

describe('createTestDatabase', () => {
  it('gives each caller its own empty database and drops it afterwards', async () => {
    const first = await createTestDatabase('one');
    const second = await createTestDatabase('two');
    expect(first.name).not.toBe(second.name);
    const client = new Client({ connectionString: first.url });
    await client.connect();
    await client.query('CREATE TABLE marker (id int)');
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0]?.db).toBe(first.name);
    await client.end();
    await first.drop();
    await second.drop();
    const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = ANY($1)', [[first.name, second.name]]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});
