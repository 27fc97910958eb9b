import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import { encodeIntegrationEvent } from '../envelope/wire-format';
import { Collector } from '../testing/collector';
import { referralReceived } from '../testing/integration-events.fixture';
import type { DeliveredMessage } from '../transport.port';
import type { PostgresTransport } from './postgres-transport';
import { createPostgresTransport } from './postgres-transport';

describe('PostgreSQL transport', () => {
  let database: TestDatabase;
  let pool: Pool;
  let transport: PostgresTransport;

  beforeAll(async () => {
    database = await createTestDatabase('pg_bus');
    pool = new Pool({ connectionString: database.url, max: 12 });
    // A poll far beyond any wait below: messages arriving in time were woken by NOTIFY.
    transport = await createPostgresTransport({ pool, pollIntervalMs: 120_000, rebalanceIntervalMs: 200 });
  });

  afterAll(async () => {
    await transport.close();
    await pool.end();
    await database.drop();
  });

  const names = () => {
    const id = randomUUID().slice(0, 8);
    return { topic: `bus.t-${id}`, groupId: `g-${id}`, deadLetterTopic: `bus.t-${id}.dlq` };
  };

  it('never lets a consumer skip a message whose publish commits late', async () => {
    const { topic, groupId, deadLetterTopic } = names();
    await transport.ensureTopics([topic], 1);
    const seen = new Collector<DeliveredMessage>();
    const consumer = await transport.consume({ groupId, topics: [topic], deadLetterTopic, handle: async (m) => seen.push(m) });
    const late = referralReceived('patient-late', 1);
    const early = referralReceived('patient-late', 2);

    // A publisher that took offset 0 and has not committed yet (what publishWire does, held open).
    const slow = await pool.connect();
    await slow.query('BEGIN');
    await slow.query(`UPDATE message_bus.partitions SET next_offset = next_offset + 1 WHERE topic = $1 AND partition = 0`, [topic]);
    const wire = encodeIntegrationEvent(late);
    await slow.query(
      `INSERT INTO message_bus.messages (topic, partition, "offset", key, value, headers) VALUES ($1, 0, 0, $2, $3, $4)`,
      [topic, wire.key, wire.value, JSON.stringify(wire.headers)],
    );

    // A second publisher starts and commits "first": it must queue behind the open one, not overtake it.
    const secondPublish = transport.publisher().publish(topic, [early]);
    await waitForLockWaiter(pool, topic);
    await slow.query('SELECT pg_notify($1, $2)', ['message_bus_published', `${topic}\t0`]);
    await slow.query('COMMIT');
    slow.release();
    await secondPublish;

    await seen.waitForCount(2);
    expect(seen.items.map((m) => [m.offset, m.event.messageId])).toEqual([
      ['0', late.messageId],
      ['1', early.messageId],
    ]);
    await consumer.stop();
  });

  it('shares a group\'s partitions between its members, one member per partition, and hands them over when one stops', async () => {
    const { topic, groupId, deadLetterTopic } = names();
    await transport.ensureTopics([topic], 4);
    const handledBy = new Map<string, string[]>();
    const all = new Collector<string>();
    const member = (name: string) =>
      transport.consume({
        groupId,
        topics: [topic],
        deadLetterTopic,
        handle: async (m) => {
          handledBy.set(m.event.messageId, [...(handledBy.get(m.event.messageId) ?? []), name]);
          all.push(m.event.messageId);
        },
      });
    const one = await member('one');
    const two = await member('two');
    await waitUntil(() => one.ownedPartitions().length === 2 && two.ownedPartitions().length === 2, 'an even share');
    expect([...one.ownedPartitions(), ...two.ownedPartitions()].sort()).toEqual([0, 1, 2, 3].map((p) => `${topic}:${p}`));

    const firstBatch = Array.from({ length: 40 }, (_, i) => referralReceived(`patient-share-${i % 13}`, i));
    await transport.publisher().publish(topic, firstBatch);
    await all.waitForCount(firstBatch.length);
    const members = new Set([...handledBy.values()].flat());
    expect(members).toEqual(new Set(['one', 'two']));

    await one.stop();
    await waitUntil(() => two.ownedPartitions().length === 4, 'the survivor to take every partition');
    const secondBatch = Array.from({ length: 20 }, (_, i) => referralReceived(`patient-share-${i % 13}`, 100 + i));
    await transport.publisher().publish(topic, secondBatch);
    await all.waitForCount(firstBatch.length + secondBatch.length);
    // Every message handled exactly once, by exactly one member.
    expect([...handledBy.values()].every((by) => by.length === 1)).toBe(true);
    expect(secondBatch.every((e) => handledBy.get(e.messageId)?.[0] === 'two')).toBe(true);
    await two.stop();
  });

  it('rejoins on a new session when its session is lost, and loses no message', async () => {
    const { topic, groupId, deadLetterTopic } = names();
    await transport.ensureTopics([topic], 2);
    const seen = new Collector<string>();
    const consumer = await transport.consume({ groupId, topics: [topic], deadLetterTopic, handle: async (m) => seen.push(m.event.messageId) });
    const before = referralReceived('patient-rejoin', 1);
    await transport.publisher().publish(topic, [before]);
    await seen.waitForCount(1);

    const sessionPid = async () =>
      (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`stepwell-consumer:${groupId}`]))
        .rows[0]?.pid;
    const killed = await sessionPid();
    expect(killed).toBeDefined();
    await pool.query('SELECT pg_terminate_backend($1)', [killed]);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const current = await sessionPid();
      if (current !== undefined && current !== killed && consumer.ownedPartitions().length === 2) break;
      if (Date.now() > deadline) throw new Error('The member did not rejoin on a new session');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = [referralReceived('patient-rejoin', 2), referralReceived('patient-rejoin-too', 3)];
    await transport.publisher().publish(topic, after);
    await seen.waitForCount(3);
    expect(seen.items).toEqual([before.messageId, ...after.map((e) => e.messageId)]);
    await consumer.stop();
  });

  it('refuses to publish to a topic that does not exist', async () => {
    await expect(transport.publisher().publish('bus.no-such-topic', [referralReceived('p', 1)])).rejects.toMatchObject({
      code: 'UNKNOWN_TOPIC',
    });
  });
});

/** Waits for a condition on live state, checking on each turn of the event loop, up to a deadline. */
async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once some session waits on a lock (the second publisher queued behind the open transaction). */
async function waitForLockWaiter(pool: Pool, _topic: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%partitions%'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('No publisher queued behind the open transaction');
}
