import { Pool } from 'pg';
import { createTestDatabase, createTestRole } from '@stepwell/testing';
import type { TestDatabase, TestRole } from '@stepwell/testing';
import { Collector } from '../testing/collector';
import { referralReceived } from '../testing/integration-events.fixture';
import type { DeliveredMessage } from '../transport.port';
import { deadLetterTopicFor, topicFor } from '../transport.port';
import { grantMessageBusRole } from './message-bus.migration';
import type { PostgresTransport } from './postgres-transport';
import { createPostgresTransport, TopicNotWritableError } from './postgres-transport';

/** Each service on the PostgreSQL bus uses its own database role, which may append only to its own topics. */
describe('PostgreSQL bus with one database role per service', () => {
  let database: TestDatabase;
  let owner: Pool;
  let referralsRole: TestRole;
  let schedulingRole: TestRole;
  let referralsPool: Pool;
  let schedulingPool: Pool;
  let referrals: PostgresTransport;
  let scheduling: PostgresTransport;

  beforeAll(async () => {
    database = await createTestDatabase('pg_bus_roles');
    referralsRole = await createTestRole('bus_referrals');
    schedulingRole = await createTestRole('bus_scheduling');
    // The set-up job, as the bus owner: the bus tables, the topics, and each service role's grants.
    owner = new Pool({ connectionString: database.url, max: 2 });
    const setup = await createPostgresTransport({ pool: owner });
    await setup.ensureTopics([topicFor('referrals'), topicFor('scheduling')], 2);
    await setup.close();
    await grantMessageBusRole(owner, { role: referralsRole.name, service: 'referrals' });
    await grantMessageBusRole(owner, { role: schedulingRole.name, service: 'scheduling' });
    // The services, each on its own role: their start-up migration finds the bus current and runs no DDL.
    referralsPool = new Pool({ connectionString: referralsRole.urlFor(database.url), max: 4 });
    schedulingPool = new Pool({ connectionString: schedulingRole.urlFor(database.url), max: 4 });
    referrals = await createPostgresTransport({ pool: referralsPool, pollIntervalMs: 500 });
    scheduling = await createPostgresTransport({ pool: schedulingPool, pollIntervalMs: 500 });
  });

  afterAll(async () => {
    await referrals?.close();
    await scheduling?.close();
    await referralsPool?.end();
    await schedulingPool?.end();
    await owner?.end();
    await database?.drop();
    await referralsRole?.drop();
    await schedulingRole?.drop();
  });

  it("lets a service publish to its own topic, and another service's role consume it", async () => {
    const seen = new Collector<DeliveredMessage>();
    const consumer = await scheduling.consume({
      groupId: 'scheduling',
      topics: [topicFor('referrals')],
      deadLetterTopic: deadLetterTopicFor('scheduling'),
      handle: async (message) => seen.push(message),
    });
    try {
      const event = referralReceived('patient-roles', 1);
      await referrals.publisher().publish(topicFor('referrals'), [event]);
      await seen.waitUntil((items) => items.some((m) => m.event.messageId === event.messageId), 30_000, 'the referral');
    } finally {
      await consumer.stop();
    }
  });

  it("refuses a service role publishing to another service's topic, and writes nothing", async () => {
    const forged = referralReceived('patient-forged', 1);
    await expect(referrals.publisher().publish(topicFor('scheduling'), [forged])).rejects.toBeInstanceOf(TopicNotWritableError);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM message_bus.messages WHERE topic = $1`, [topicFor('scheduling')]);
    expect(rows[0].n).toBe(0);
  });

  it("refuses a service role's direct INSERT into another topic's log, and its moving another topic's offsets", async () => {
    await expect(
      referralsPool.query(`INSERT INTO message_bus.messages (topic, partition, "offset", key, value) VALUES ($1, 0, 999, null, '{}')`, [
        topicFor('scheduling'),
      ]),
    ).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('row-level security') });
    const moved = await referralsPool.query(`UPDATE message_bus.partitions SET next_offset = next_offset + 5 WHERE topic = $1`, [
      topicFor('scheduling'),
    ]);
    expect(moved.rowCount).toBe(0);
    await expect(referralsPool.query(`DELETE FROM message_bus.messages`)).rejects.toMatchObject({ code: '42501' });
    await expect(referralsPool.query(`INSERT INTO message_bus.topic_writers VALUES ($1, $2)`, [topicFor('scheduling'), referralsRole.name])).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('lets a service role dead-letter to its own dead-letter topic only', async () => {
    await expect(referrals.publisher().publish(deadLetterTopicFor('scheduling'), [referralReceived('p', 1)])).rejects.toBeInstanceOf(
      TopicNotWritableError,
    );
    await scheduling.ensureTopics([deadLetterTopicFor('scheduling')], 1);
    await expect(scheduling.publisher().publish(deadLetterTopicFor('scheduling'), [referralReceived('p', 2)])).resolves.toBeUndefined();
  });
});
