import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import { toDeadLetter } from '../consumption/retrying-handler';
import { migrateMessagingTables } from '../inbox/process-once';
import { sqlFromPool } from '../sql/sql-executor';
import { referralReceived } from '../testing/integration-events.fixture';
import type { IntegrationEvent } from '../transport.port';
import { DeadLetterNotFoundError, DeadLetterNotRedrivableError, DeadLetterStore } from './dead-letter.store';

describe('DeadLetterStore', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: DeadLetterStore;
  const dlq = 'stepwell.outcomes.dead-letters';

  beforeAll(async () => {
    database = await createTestDatabase('dead_letters');
    pool = new Pool({ connectionString: database.url, max: 6 });
    await migrateMessagingTables(pool, 'outcomes');
    store = new DeadLetterStore(sqlFromPool(pool), 'outcomes');
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const letterFor = (event: IntegrationEvent | null, topic = 'stepwell.referrals.events', offset = String(Math.floor(Math.random() * 1e9))) =>
    toDeadLetter({ groupId: 'outcomes', topic, partition: 1, offset, event, rawValue: event ? null : '{bad', error: new Error('boom'), attempts: 5 });

  it('records a dead letter once even when the same message is dead-lettered again after a redelivery', async () => {
    const event = referralReceived('p-dup', 1);
    const first = letterFor(event, 'stepwell.dup.events', '7');
    await store.record(first, dlq);
    await store.record({ ...letterFor(event, 'stepwell.dup.events', '7'), id: randomUUID() }, dlq);
    const page = await store.list({ topic: 'stepwell.dup.events' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: first.id, event, deadLetterTopic: dlq, redrivenAt: null, redriveCount: 0 });
  });

  it('filters by topic and type and pages the listing', async () => {
    const topic = `stepwell.page-${randomUUID().slice(0, 6)}.events`;
    for (let i = 0; i < 5; i++) await store.record(letterFor(referralReceived(`p-${i}`, i), topic), dlq);
    await store.record(letterFor(null, topic), dlq);
    const firstPage = await store.list({ topic, type: 'referrals.referral-received', page: 1, pageSize: 2 });
    const lastPage = await store.list({ topic, type: 'referrals.referral-received', page: 3, pageSize: 2 });
    expect(firstPage).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(lastPage.items).toHaveLength(1);
    expect((await store.list({ topic })).total).toBe(6);
  });

  it('re-drives a dead letter once when two operators ask at the same time', async () => {
    const letter = letterFor(referralReceived('p-race', 1));
    await store.record(letter, dlq);
    const published: Array<[string, string]> = [];
    const publish = async (topic: string, event: IntegrationEvent) => void published.push([topic, event.messageId]);
    const results = await Promise.all([store.redrive(letter.id, publish), store.redrive(letter.id, publish)]);
    expect(published).toEqual([[letter.originalTopic, letter.event?.messageId]]);
    expect(results.map((r) => r.alreadyRedriven).sort()).toEqual([false, true]);
    expect((await store.get(letter.id)).redriveCount).toBe(1);
  });

  it('leaves a dead letter pending when publishing it again fails', async () => {
    const letter = letterFor(referralReceived('p-fail', 1));
    await store.record(letter, dlq);
    await expect(store.redrive(letter.id, async () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
    expect((await store.get(letter.id)).redrivenAt).toBeNull();
  });

  it('refuses to re-drive an unparsable message or an unknown id', async () => {
    const letter = letterFor(null);
    await store.record(letter, dlq);
    await expect(store.redrive(letter.id, async () => undefined)).rejects.toBeInstanceOf(DeadLetterNotRedrivableError);
    await expect(store.redrive(randomUUID(), async () => undefined)).rejects.toBeInstanceOf(DeadLetterNotFoundError);
    await expect(store.get('not-a-uuid')).rejects.toBeInstanceOf(DeadLetterNotFoundError);
  });
});
