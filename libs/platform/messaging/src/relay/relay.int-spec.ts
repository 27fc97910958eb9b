import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Pool } from 'pg';
import { createPostgresEventStore } from '@stepwell/event-store';
import type { PostgresEventStore } from '@stepwell/event-store';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import { deterministicMessageId } from '../envelope/message-ids';
import { migrateMessagingTables, processOnceWithPg } from '../inbox/process-once';
import type { PostgresTransport } from '../postgres/postgres-transport';
import { createPostgresTransport } from '../postgres/postgres-transport';
import { Collector } from '../testing/collector';
import type { DeliveredMessage, MessagePublisher, RunningConsumer } from '../transport.port';
import { relayMetrics, startRelay } from './relay';
import { appendReferrals, freshCategory, mapReferralEvent, referralReceivedDomainEvent } from './testing/relay.fixture';

describe('relay from the PostgreSQL event store to the PostgreSQL transport', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let transport: PostgresTransport;
  const consumers: RunningConsumer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('relay');
    pool = new Pool({ connectionString: database.url, max: 10 });
    store = await createPostgresEventStore({ connectionString: database.url });
    transport = await createPostgresTransport({ connectionString: database.url, pollIntervalMs: 1000 });
    await migrateMessagingTables(pool, 'scheduling');
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await transport?.close();
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  const freshTopic = async () => {
    const topic = `stepwell.referrals-${randomUUID().slice(0, 8)}.events`;
    await transport.ensureTopics([topic], 3);
    return topic;
  };

  async function collect(topic: string): Promise<Collector<DeliveredMessage>> {
    const seen = new Collector<DeliveredMessage>();
    consumers.push(
      await transport.consume({
        groupId: `g-${randomUUID()}`,
        topics: [topic],
        deadLetterTopic: `${topic}.dlq`,
        handle: async (m) => seen.push(m),
      }),
    );
    return seen;
  }

  it('publishes every integration event of its categories, in order, with ids derived from the domain events', async () => {
    const topic = await freshTopic();
    const patients = [`p-${randomUUID()}`, `p-${randomUUID()}`, `p-${randomUUID()}`];
    const before = await store.headPosition();
    // An event of another category in between: not relayed.
    await store.appendToStream(`episode-${randomUUID()}`, [referralReceivedDomainEvent(patients[0]!, 99)], {
      expectedRevision: 'no_stream',
    });
    const category = freshCategory();
    await appendReferrals(store, patients, 8, category);
    const seen = await collect(topic);
    const relay = await startRelay({ store, subscriptionId: `relay-${randomUUID()}`, categories: [category], map: mapReferralEvent, publisher: transport.publisher(), topic });
    try {
      // Half the history is there before the relay starts (catch-up), half arrives while it runs (live).
      const log = (await appendReferrals(store, patients, 8, category)).filter((e) => e.globalPosition > before);
      const referralEvents = log.filter((e) => e.streamId.startsWith(`${category}-`));
      expect(referralEvents).toHaveLength(patients.length * 16);
      await seen.waitForCount(referralEvents.length);
      expect(seen.items).toHaveLength(referralEvents.length);
      for (const patient of patients) {
        const expected = referralEvents.filter((e) => e.metadata.patientSubjectId === patient).map((e) => deterministicMessageId(e.id, 0));
        const got = seen.items.filter((m) => m.event.patientSubjectId === patient).map((m) => m.event.messageId);
        expect(got).toEqual(expected);
      }
      const first = seen.items.find((m) => m.event.messageId === deterministicMessageId(referralEvents[0]!.id, 0))!;
      expect(first.event).toMatchObject({ type: 'referrals.referral-received', version: 1, causationId: referralEvents[0]!.id });
      expect(first.event.data).not.toHaveProperty('referrerNotes');
    } finally {
      await relay.stop();
    }
  });

  it('saves no checkpoint for pages of events it does not publish (the access trail), and saves past them with its next page of work', async () => {
    const topic = await freshTopic();
    const subscriptionId = `relay-${randomUUID()}`;
    const category = freshCategory();
    const patient = `p-${randomUUID()}`;
    const [first] = (await appendReferrals(store, [patient], 1, category)).filter((e) => e.streamId.startsWith(`${category}-`));
    const seen = await collect(topic);
    const publishCalls: number[] = [];
    const real = transport.publisher();
    const counting: MessagePublisher = {
      async publish(t, events) {
        publishCalls.push(events.length);
        await real.publish(t, events);
      },
    };
    const relay = await startRelay({
      store,
      subscriptionId,
      categories: [category],
      map: mapReferralEvent,
      publisher: counting,
      topic,
      idleCheckpoint: { pages: 1_000, ms: 600_000 },
    });
    try {
      await relay.waitForCheckpoint(first!.globalPosition);
      expect(await store.readCheckpoint(subscriptionId)).toBeGreaterThanOrEqual(first!.globalPosition);
      const saved = await store.readCheckpoint(subscriptionId);
      // access events, one append (one page) each: read past in memory, nothing published, nothing saved
      let access = 0;
      for (let n = 0; n < 5; n++) {
        access = (await store.appendToStream(`access-${randomUUID()}`, [referralReceivedDomainEvent(patient, n)], { expectedRevision: 'no_stream' })).lastGlobalPosition;
        await relay.waitForCheckpoint(access);
      }
      expect(await store.readCheckpoint(subscriptionId)).toBe(saved);
      expect(publishCalls).toEqual([1]);
      const status = await relay.status();
      expect(status).toMatchObject({ checkpoint: access, eventsBehind: 0, secondsBehind: 0 });

      // the next event of its categories is published and its page's checkpoint saved, past the access events
      const [next] = (await appendReferrals(store, [patient], 1, category)).filter((e) => e.globalPosition > access);
      await relay.waitForCheckpoint(next!.globalPosition);
      await seen.waitForCount(2);
      expect(await store.readCheckpoint(subscriptionId)).toBe(next!.globalPosition);
      expect(publishCalls).toEqual([1, 1]);
    } finally {
      await relay.stop();
    }
  });

  it('after a crash with unsaved pages of nothing to publish, resumes from the saved checkpoint and publishes what came after', async () => {
    const topic = await freshTopic();
    const subscriptionId = `relay-${randomUUID()}`;
    const category = freshCategory();
    const patient = `p-${randomUUID()}`;
    const seen = await collect(topic);
    const first = await startRelay({ store, subscriptionId, categories: [category], map: mapReferralEvent, publisher: transport.publisher(), topic, idleCheckpoint: { pages: 1_000, ms: 600_000 } });
    const [published] = (await appendReferrals(store, [patient], 1, category)).filter((e) => e.streamId.startsWith(`${category}-`));
    await first.waitForCheckpoint(published!.globalPosition);
    await seen.waitForCount(1);
    const saved = await store.readCheckpoint(subscriptionId);
    const access = await store.appendToStream(`access-${randomUUID()}`, [referralReceivedDomainEvent(patient, 1)], { expectedRevision: 'no_stream' });
    await first.waitForCheckpoint(access.lastGlobalPosition);
    // a crash: the subscription's checkpoint row moved back to what was saved (a stop would have saved the idle stretch)
    await first.stop();
    await pool.query('UPDATE event_store.checkpoints SET position = $2 WHERE subscription_id = $1', [subscriptionId, saved]);
    const after = (await appendReferrals(store, [patient], 1, category)).filter((e) => e.globalPosition > access.lastGlobalPosition);
    const second = await startRelay({ store, subscriptionId, categories: [category], map: mapReferralEvent, publisher: transport.publisher(), topic });
    try {
      await second.waitForCheckpoint(after.at(-1)!.globalPosition);
      await seen.waitForCount(2);
      // nothing missed, nothing published twice (the replayed stretch had nothing of its categories)
      expect(seen.items.map((m) => m.event.causationId)).toEqual([published!.id, after[0]!.id]);
      expect(await store.readCheckpoint(subscriptionId)).toBe(after.at(-1)!.globalPosition);
    } finally {
      await second.stop();
    }
  });

  it('reports its lag while the publisher is held, and none once it caught up', async () => {
    const topic = await freshTopic();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = transport.publisher();
    const held: MessagePublisher = {
      async publish(t, events) {
        await gate;
        await real.publish(t, events);
      },
    };
    const patient = `p-${randomUUID()}`;
    const category = freshCategory();
    await appendReferrals(store, [patient], 5, category);
    const head = await store.headPosition();
    const relay = await startRelay({ store, subscriptionId: `relay-${randomUUID()}`, categories: [category], map: mapReferralEvent, publisher: held, topic });
    try {
      const behind = await relay.status();
      expect(behind.eventsBehind).toBeGreaterThanOrEqual(5);
      expect(behind.secondsBehind).toBeGreaterThanOrEqual(0);
      expect(['catching-up', 'live']).toContain(behind.state);
      release();
      await relay.waitForCheckpoint(head);
      const caughtUp = await relay.status();
      expect(caughtUp).toMatchObject({ eventsBehind: 0, secondsBehind: 0, checkpoint: head });
      expect(relayMetrics(caughtUp)).toContain(`stepwell_relay_events_behind{subscription="${caughtUp.subscriptionId}"} 0`);
    } finally {
      release();
      await relay.stop();
    }
  });

  it('restarts after a failed publish and publishes the event it failed on, skipping nothing', async () => {
    const topic = await freshTopic();
    const real = transport.publisher();
    let calls = 0;
    const flaky: MessagePublisher = {
      async publish(t, events) {
        if (++calls === 1) throw new Error('broker unavailable');
        await real.publish(t, events);
      },
    };
    const patient = `p-${randomUUID()}`;
    const before = await store.headPosition();
    const category = freshCategory();
    const expected = (await appendReferrals(store, [patient], 4, category)).filter((e) => e.globalPosition > before).map((e) => deterministicMessageId(e.id, 0));
    const seen = await collect(topic);
    const errors = new Collector<unknown>();
    const relay = await startRelay({
      store,
      subscriptionId: `relay-${randomUUID()}`,
      categories: [category],
      map: mapReferralEvent,
      publisher: flaky,
      topic,
      restartDelayMs: 20,
      onError: (e) => errors.push(e),
    });
    try {
      await seen.waitForCount(expected.length);
      expect(seen.items.map((m) => m.event.messageId)).toEqual(expected);
      expect(errors.items).toHaveLength(1);
      expect((await relay.status()).restarts).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it('does not checkpoint a page whose publishing failed midway, and publishes the whole page again in order', async () => {
    const topic = await freshTopic();
    const subscriptionId = `relay-${randomUUID()}`;
    const real = transport.publisher();
    let calls = 0;
    let checkpointAtFailure: number | null | undefined;
    const failsSecondCall: MessagePublisher = {
      async publish(t, events) {
        if (++calls === 2) {
          checkpointAtFailure = await store.readCheckpoint!(subscriptionId);
          throw new Error('broker unavailable');
        }
        await real.publish(t, events);
      },
    };
    const patient = `p-${randomUUID()}`;
    const before = await store.headPosition();
    const category = freshCategory();
    const events = (await appendReferrals(store, [patient], 4, category)).filter((e) => e.globalPosition > before);
    const expected = events.map((e) => deterministicMessageId(e.id, 0));
    const seen = await collect(topic);
    const errors = new Collector<unknown>();
    // One page holds the whole log so far; its four integration events go out two per publish call.
    const relay = await startRelay({
      store,
      subscriptionId,
      categories: [category],
      map: mapReferralEvent,
      publisher: failsSecondCall,
      topic,
      batchSize: 500,
      maxPublishBatch: 2,
      restartDelayMs: 20,
      onError: (e) => errors.push(e),
    });
    try {
      await relay.waitForCheckpoint(events.at(-1)!.globalPosition);
      // The first two were published, the next two were not: the checkpoint had not moved past any of them...
      expect(checkpointAtFailure === null || checkpointAtFailure! < events[0]!.globalPosition).toBe(true);
      expect(errors.items).toHaveLength(1);
      // ...and after the restart the page went out again from its start: the first two twice, everything in order.
      await seen.waitForCount(6);
      expect(seen.items.map((m) => m.event.messageId)).toEqual([expected[0], expected[1], ...expected]);
      expect((await relay.status()).restarts).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it.each([
    { mode: 'event by event', batchSize: 1, hangAfter: 3, hungPublish: [2] },
    // the whole log so far is one page: its six events go out in one publish and one checkpoint would follow
    { mode: 'one page, one checkpoint', batchSize: 500, hangAfter: 1, hungPublish: [0, 1, 2, 3, 4, 5] },
  ])('when killed between publish and checkpoint ($mode), re-publishes on restart and the inbox absorbs the duplicates', async ({ batchSize, hangAfter, hungPublish }) => {
    const topic = await freshTopic();
    const subscriptionId = `relay-${randomUUID()}`;
    const patient = `p-${randomUUID()}`;
    const before = await store.headPosition();
    const category = freshCategory();
    const events = (await appendReferrals(store, [patient], 6, category)).filter((e) => e.globalPosition > before);
    const expected = events.map((e) => deterministicMessageId(e.id, 0));

    const groupId = 'scheduling';
    const deliveries = new Collector<string>();
    consumers.push(
      await transport.consume({
        groupId: `${groupId}-${subscriptionId}`,
        topics: [topic],
        deadLetterTopic: `${topic}.dlq`,
        handle: async (m: DeliveredMessage) => {
          await processOnceWithPg(pool, { schema: 'scheduling', consumer: subscriptionId, messageId: m.event.messageId }, async (client) => {
            await client.query('CREATE TABLE IF NOT EXISTS scheduling.referrals_seen (message_id text, patient text)');
            await client.query('INSERT INTO scheduling.referrals_seen VALUES ($1, $2)', [m.event.messageId, m.event.patientSubjectId]);
          });
          deliveries.push(m.event.messageId);
        },
      }),
    );

    // The child publishes, reports its last publish, and hangs before its checkpoint can move past it.
    const child = fork(path.join(__dirname, 'testing/relay-child.fixture.ts'), [], {
      execArgv: ['-r', path.join(__dirname, '../../../testing/jest/swc-register.js')],
      env: { ...process.env, DATABASE_URL: database.url, SUBSCRIPTION_ID: subscriptionId, TOPIC: topic, CATEGORY: category, BATCH_SIZE: String(batchSize), HANG_AFTER_PUBLISHES: String(hangAfter) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const published = await new Promise<{ messageIds: string[] }>((resolve, reject) => {
      child.on('message', (m: { kind: string; messageIds?: string[]; message?: string }) => {
        if (m.kind === 'published') resolve(m as { messageIds: string[] });
        if (m.kind === 'failed') reject(new Error(`relay child failed: ${m.message}`));
      });
      child.on('exit', (code) => reject(new Error(`relay child exited (${code}) before publishing`)));
    });
    expect(published.messageIds).toEqual(hungPublish.map((i) => expected[i]));
    const checkpointAtKill = await store.readCheckpoint!(subscriptionId);
    expect(checkpointAtKill === null || checkpointAtKill < events[hungPublish[0]!]!.globalPosition).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const relay = await startRelay({ store, subscriptionId, categories: [category], map: mapReferralEvent, publisher: transport.publisher(), topic });
    try {
      await relay.waitForCheckpoint(events.at(-1)!.globalPosition);
      // Every message delivered, those of the interrupted publish twice (once by each relay process)...
      const timesDelivered = (ids: readonly string[], id: string | undefined) => ids.filter((x) => x === id).length;
      await deliveries.waitUntil(
        (ids) => expected.every((id) => ids.includes(id)) && hungPublish.every((i) => timesDelivered(ids, expected[i]) >= 2),
        30_000,
        'every message, and the re-published ones again',
      );
      // ...and recorded exactly once each.
      const { rows } = await pool.query<{ message_id: string }>('SELECT message_id FROM scheduling.referrals_seen WHERE patient = $1', [patient]);
      expect(rows.map((r) => r.message_id).sort()).toEqual([...expected].sort());
      const firstSeen = expected.map((id) => deliveries.items.indexOf(id));
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    } finally {
      await relay.stop();
    }
  });
});

