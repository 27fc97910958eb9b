import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import { InboxMessageEntity } from './inbox-message.entity';
import { CreateMessagingTables1763700000000 } from './messaging-tables.migration';
import { processOnce } from './process-once';
import { toDeadLetter } from '../consumption/retrying-handler';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { sqlFromDataSource } from '../sql/sql-executor';
import { referralReceived } from '../testing/integration-events.fixture';

describe('processOnce with TypeORM', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('inbox');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      schema: 'outcomes',
      entities: [InboxMessageEntity],
      migrations: [CreateMessagingTables1763700000000],
    });
    await dataSource.initialize();
    // TypeORM keeps its migrations table in the schema: a service creates its schema before migrating.
    await dataSource.query('CREATE SCHEMA outcomes');
    await dataSource.runMigrations();
    await dataSource.query('CREATE TABLE outcomes.scores (message_id text NOT NULL)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const effectsOf = async (messageId: string) =>
    Number((await dataSource.query('SELECT count(*)::int AS n FROM outcomes.scores WHERE message_id = $1', [messageId]))[0].n);

  it('runs the work once: a redelivered message has no second effect', async () => {
    const messageId = randomUUID();
    const work = async (manager: EntityManager) => {
      await manager.query('INSERT INTO outcomes.scores VALUES ($1)', [messageId]);
    };
    expect(await processOnce(dataSource, 'outcomes', messageId, work)).toBe('processed');
    expect(await processOnce(dataSource, 'outcomes', messageId, work)).toBe('duplicate');
    expect(await effectsOf(messageId)).toBe(1);
    expect(await dataSource.getRepository(InboxMessageEntity).countBy({ consumer: 'outcomes', messageId })).toBe(1);
  });

  it('records nothing when the work fails, so the retry does the work', async () => {
    const messageId = randomUUID();
    await expect(
      processOnce(dataSource, 'outcomes', messageId, async (manager) => {
        await manager.query('INSERT INTO outcomes.scores VALUES ($1)', [messageId]);
        throw new Error('rule set unavailable');
      }),
    ).rejects.toThrow('rule set unavailable');
    expect(await effectsOf(messageId)).toBe(0);
    expect(await processOnce(dataSource, 'outcomes', messageId, async (m) => void (await m.query('INSERT INTO outcomes.scores VALUES ($1)', [messageId])))).toBe(
      'processed',
    );
    expect(await effectsOf(messageId)).toBe(1);
  });

  it('lets two concurrent deliveries of one message have one effect', async () => {
    const messageId = randomUUID();
    const outcomes = await Promise.all(
      [1, 2].map(() =>
        processOnce(dataSource, 'outcomes', messageId, async (manager) => {
          await manager.query('INSERT INTO outcomes.scores VALUES ($1)', [messageId]);
        }),
      ),
    );
    expect(outcomes.sort()).toEqual(['duplicate', 'processed']);
    expect(await effectsOf(messageId)).toBe(1);
  });

  it('keeps each consumer\'s inbox apart', async () => {
    const messageId = randomUUID();
    expect(await processOnce(dataSource, 'outcomes.scores', messageId, async () => undefined)).toBe('processed');
    expect(await processOnce(dataSource, 'outcomes.alerts', messageId, async () => undefined)).toBe('processed');
  });

  it('gives the migration\'s dead-letter table to a DeadLetterStore over the same data source', async () => {
    const store = new DeadLetterStore(sqlFromDataSource(dataSource), 'outcomes');
    const event = referralReceived('p-typeorm', 1);
    const letter = toDeadLetter({ groupId: 'outcomes', topic: 't', partition: 0, offset: '3', event, error: new Error('x'), attempts: 2 });
    await store.record(letter, 'stepwell.outcomes.dead-letters');
    const published: string[] = [];
    const result = await store.redrive(letter.id, async (_topic, e) => void published.push(e.messageId));
    expect(result).toMatchObject({ alreadyRedriven: false, record: { redriveCount: 1, event } });
    expect(published).toEqual([event.messageId]);
    expect((await store.list({ pendingOnly: true })).items.map((l) => l.id)).not.toContain(letter.id);
  });
});
