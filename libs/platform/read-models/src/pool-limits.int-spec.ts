import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { createReadModelDataSource } from './read-model-data-source';

describe('every read-model pool ends slow statements and idle transactions (issue 11: time limits)', () => {
  let database: TestDatabase;
  const saved = { ...process.env };
  beforeAll(async () => {
    database = await createTestDatabase('pool_limits');
  });
  afterAll(() => database.drop());
  afterEach(() => {
    process.env = { ...saved };
  });

  it('applies the defaults: 8 s statements, 15 s idle in transaction, 10 connections', async () => {
    delete process.env['DATABASE_STATEMENT_TIMEOUT_MS'];
    delete process.env['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'];
    delete process.env['DATABASE_POOL_MAX'];
    const source = createReadModelDataSource({ service: 'pool_limits', url: database.url, entities: [], migrations: [] });
    await source.initialize();
    try {
      expect(await source.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '8s' }]);
      expect(await source.query('SHOW idle_in_transaction_session_timeout')).toEqual([{ idle_in_transaction_session_timeout: '15s' }]);
      expect((source.options as { poolSize?: number }).poolSize).toBe(10);
    } finally {
      await source.destroy();
    }
  });

  it('cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    process.env['DATABASE_STATEMENT_TIMEOUT_MS'] = '200';
    const source = createReadModelDataSource({ service: 'pool_limits', url: database.url, entities: [], migrations: [] });
    await source.initialize();
    try {
      const started = Date.now();
      await expect(source.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await source.destroy();
    }
  });
});
