import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import type { ConsumerOptions, DeadLetter, DeliveredMessage, MessageTransport, RunningConsumer } from '../transport.port';
import type { WireMessage } from '../envelope/wire-format';
import { decodeDeadLetter, encodeIntegrationEvent } from '../envelope/wire-format';
import { migrateMessagingTables, processOnceWithPg } from '../inbox/process-once';
import { assertTopicOfOrigin } from '../consumption/topic-of-origin';
import { Collector } from './collector';
import { referralReceived, seqOf } from './integration-events.fixture';

/** A transport under test, with the two raw operations the port does not offer. */
export interface ConformanceSubject {
  transport: MessageTransport;
  /** Publishes bytes as they are, bypassing envelope encoding (to send a malformed message). */
  publishRaw(topic: string, message: WireMessage): Promise<void>;
  /** Every message on a topic from its beginning, raw (to read a dead-letter topic). */
  readTopic(topic: string): Promise<Array<{ value: string; headers: Record<string, string> }>>;
  cleanup(): Promise<void>;
}

const PARTITIONS = 3;
const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };

/**
 * The behaviour every `MessageTransport` must show; run by each transport's own spec (PostgreSQL here, Kafka by
 * its engineer). Every test uses fresh topics and groups, so one transport serves the whole suite.
 */
export function describeTransportConformance(name: string, factory: () => Promise<ConformanceSubject>): void {
  describe(`${name} transport conformance`, () => {
    let subject: ConformanceSubject;
    let transport: MessageTransport;
    const running: RunningConsumer[] = [];

    beforeAll(async () => {
      subject = await factory();
      transport = subject.transport;
    });

    afterEach(async () => {
      await Promise.all(running.splice(0).map((c) => c.stop()));
    });

    afterAll(async () => {
      await subject?.cleanup();
    });

    const fresh = (label: string) => {
      const id = randomUUID().slice(0, 8);
      return { topic: `conformance.${label}-${id}`, groupId: `group-${label}-${id}`, deadLetterTopic: `conformance.${label}-${id}.dlq` };
    };

    async function consume(options: ConsumerOptions): Promise<RunningConsumer> {
      const consumer = await transport.consume(options);
      running.push(consumer);
      return consumer;
    }

    async function stop(consumer: RunningConsumer): Promise<void> {
      running.splice(running.indexOf(consumer), 1);
      await consumer.stop();
    }

    it('creates topics idempotently', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('ensure');
      await transport.ensureTopics([topic], PARTITIONS);
      await transport.ensureTopics([topic], PARTITIONS);
      await transport.ensureTopics([topic, `${topic}.other`], PARTITIONS);
      const seen = new Collector<DeliveredMessage>();
      await consume({ groupId, topics: [topic], deadLetterTopic, handle: async (m) => seen.push(m) });
      const event = referralReceived('patient-ensure', 1);
      await transport.publisher().publish(topic, [event]);
      await seen.waitForCount(1);
      expect(seen.items[0]!.event).toEqual(event);
      expect(seen.items[0]!.topic).toBe(topic);
    });

    it('delivers each patient\'s messages in publication order', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('order');
      await transport.ensureTopics([topic], PARTITIONS);
      const patients = ['patient-a', 'patient-b', 'patient-c', 'patient-d'];
      const perPatient = 15;
      const publisher = transport.publisher();
      for (let seq = 0; seq < perPatient; seq++) {
        // Several publish calls, each interleaving patients, as a relay would.
        await publisher.publish(topic, patients.map((p) => referralReceived(p, seq)));
      }
      const seen = new Collector<DeliveredMessage>();
      await consume({ groupId, topics: [topic], deadLetterTopic, handle: async (m) => seen.push(m) });
      await seen.waitForCount(patients.length * perPatient);
      for (const patient of patients) {
        const order = seen.items.filter((m) => m.event.patientSubjectId === patient).map((m) => seqOf(m.event));
        expect(order).toEqual([...Array(perPatient).keys()]);
        const partitions = new Set(seen.items.filter((m) => m.event.patientSubjectId === patient).map((m) => m.partition));
        expect(partitions.size).toBe(1);
      }
    });

    it('delivers a message again to a handler that failed on it, then moves on', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('retry');
      await transport.ensureTopics([topic], PARTITIONS);
      const first = referralReceived('patient-retry', 1);
      const second = referralReceived('patient-retry', 2);
      const attempts = new Collector<string>();
      const handled = new Collector<string>();
      let failedOnce = false;
      await consume({
        groupId,
        topics: [topic],
        deadLetterTopic,
        retry: FAST_RETRY,
        handle: async (m) => {
          attempts.push(m.event.messageId);
          if (m.event.messageId === first.messageId && !failedOnce) {
            failedOnce = true;
            throw new Error('transient failure');
          }
          handled.push(m.event.messageId);
        },
      });
      await transport.publisher().publish(topic, [first, second]);
      await handled.waitForCount(2);
      expect(attempts.items).toEqual([first.messageId, first.messageId, second.messageId]);
      expect(handled.items).toEqual([first.messageId, second.messageId]);
    });

    it('commits only after success: a message whose handling never finished is delivered to the next member', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('commit');
      await transport.ensureTopics([topic], 1);
      const done = referralReceived('patient-commit', 1);
      const stuck = referralReceived('patient-commit', 2);
      const attempts = new Collector<string>();
      const consumer = await consume({
        groupId,
        topics: [topic],
        deadLetterTopic,
        // Retries far beyond the test: the consumer is stopped while still retrying.
        retry: { maxAttempts: 1_000_000, initialBackoffMs: 5, maxBackoffMs: 10 },
        handle: async (m) => {
          attempts.push(m.event.messageId);
          if (m.event.messageId === stuck.messageId) throw new Error('still failing');
        },
      });
      await transport.publisher().publish(topic, [done, stuck]);
      await attempts.waitUntil((items) => items.filter((id) => id === stuck.messageId).length >= 2);
      await stop(consumer);

      const next = new Collector<string>();
      await consume({ groupId, topics: [topic], deadLetterTopic, handle: async (m) => next.push(m.event.messageId) });
      await next.waitForCount(1);
      // The first message was committed; the second was never committed nor dead-lettered.
      expect(next.items).toEqual([stuck.messageId]);
      expect((await subject.readTopic(deadLetterTopic)).length).toBe(0);
    });

    it('absorbs a redelivered message in the inbox: its effect happens once', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('inbox');
      await transport.ensureTopics([topic], PARTITIONS);
      const database: TestDatabase = await createTestDatabase('conformance_inbox');
      const pool = new Pool({ connectionString: database.url, max: 3 });
      try {
        await migrateMessagingTables(pool, 'consumer_svc');
        await pool.query('CREATE TABLE consumer_svc.referral_counts (patient text PRIMARY KEY, received int NOT NULL)');
        const deliveries = new Collector<string>();
        await consume({
          groupId,
          topics: [topic],
          deadLetterTopic,
          handle: async (m) => {
            await processOnceWithPg(pool, { schema: 'consumer_svc', consumer: groupId, messageId: m.event.messageId }, async (client) => {
              await client.query(
                `INSERT INTO consumer_svc.referral_counts VALUES ($1, 1)
                 ON CONFLICT (patient) DO UPDATE SET received = referral_counts.received + 1`,
                [m.event.patientSubjectId],
              );
            });
            deliveries.push(m.event.messageId);
          },
        });
        const event = referralReceived('patient-inbox', 1);
        const other = referralReceived('patient-inbox', 2);
        // The same message published twice (a relay re-publishing after a crash), then another.
        await transport.publisher().publish(topic, [event]);
        await transport.publisher().publish(topic, [event, other]);
        await deliveries.waitForCount(3);
        expect(deliveries.items).toEqual([event.messageId, event.messageId, other.messageId]);
        const { rows } = await pool.query('SELECT received FROM consumer_svc.referral_counts WHERE patient = $1', ['patient-inbox']);
        expect(rows[0]?.received).toBe(2);
      } finally {
        await pool.end();
        await database.drop();
      }
    });

    it('dead-letters a poison message after its retries and still processes the messages behind it', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('poison');
      await transport.ensureTopics([topic], PARTITIONS);
      const before = referralReceived('patient-poison', 1);
      const poison = referralReceived('patient-poison', 2);
      const after = referralReceived('patient-poison', 3);
      const handled = new Collector<string>();
      const recorded = new Collector<DeadLetter>();
      let poisonAttempts = 0;
      await consume({
        groupId,
        topics: [topic],
        deadLetterTopic,
        retry: FAST_RETRY,
        recordDeadLetter: async (letter) => recorded.push(letter),
        handle: async (m) => {
          if (m.event.messageId === poison.messageId) {
            poisonAttempts++;
            throw new TypeError('cannot handle this one');
          }
          handled.push(m.event.messageId);
        },
      });
      await transport.publisher().publish(topic, [before, poison, after]);
      await handled.waitForCount(2);
      expect(handled.items).toEqual([before.messageId, after.messageId]);
      expect(poisonAttempts).toBe(FAST_RETRY.maxAttempts);
      expect(recorded.items).toHaveLength(1);
      expect(recorded.items[0]).toMatchObject({
        originalTopic: topic,
        groupId,
        attempts: FAST_RETRY.maxAttempts,
        error: { name: 'TypeError', message: 'cannot handle this one' },
        event: poison,
        rawValue: null,
      });
      const onTopic = (await subject.readTopic(deadLetterTopic)).map((m) => decodeDeadLetter(m.value));
      expect(onTopic).toEqual([recorded.items[0]]);
    });

    it('dead-letters a message whose envelope is invalid, without calling the handler', async () => {
      const { topic, groupId, deadLetterTopic } = fresh('invalid');
      await transport.ensureTopics([topic], 1);
      const valid = referralReceived('patient-invalid', 1);
      const handled = new Collector<string>();
      const recorded = new Collector<DeadLetter>();
      await consume({
        groupId,
        topics: [topic],
        deadLetterTopic,
        retry: FAST_RETRY,
        recordDeadLetter: async (letter) => recorded.push(letter),
        handle: async (m) => handled.push(m.event.messageId),
      });
      const broken = encodeIntegrationEvent(referralReceived('patient-invalid', 0));
      await subject.publishRaw(topic, { key: 'patient-invalid', value: '{"messageId": "not-a-uuid"', headers: broken.headers });
      await subject.publishRaw(topic, {
        key: 'patient-invalid',
        value: JSON.stringify({ ...JSON.parse(broken.value), messageId: 'nope' }),
        headers: {},
      });
      await transport.publisher().publish(topic, [valid]);
      await handled.waitForCount(1);
      expect(handled.items).toEqual([valid.messageId]);
      expect(recorded.items).toHaveLength(2);
      expect(recorded.items.map((l) => [l.event, l.error.name, l.attempts])).toEqual([
        [null, 'InvalidEnvelopeError', 1],
        [null, 'InvalidEnvelopeError', 1],
      ]);
      expect(recorded.items[0]!.rawValue).toBe('{"messageId": "not-a-uuid"');
      expect((await subject.readTopic(deadLetterTopic)).length).toBe(2);
    });

    it('dead-letters a referrals contract forged onto the scheduling topic, with the reason, and never handles it', async () => {
      // The topic names are the real ones (the check is about them); a fresh group and message ids keep tests apart.
      const referralsTopic = 'stepwell.referrals.events';
      const schedulingTopic = 'stepwell.scheduling.events';
      const deadLetterTopic = `conformance.forged-${randomUUID().slice(0, 8)}.dlq`;
      await transport.ensureTopics([referralsTopic, schedulingTopic, deadLetterTopic], PARTITIONS);
      const handled = new Collector<string>();
      const recorded = new Collector<DeadLetter>();
      // The handler checks the topic of origin first, as every consumer path of the platform does (the Nest
      // strategy and the care relationships applied on consume, in @stepwell/service-host): the transport's part is
      // to dead-letter the permanent refusal at once, with its reason.
      await consume({
        groupId: `forged-${randomUUID()}`,
        topics: [referralsTopic, schedulingTopic],
        deadLetterTopic,
        retry: FAST_RETRY,
        recordDeadLetter: async (letter) => recorded.push(letter),
        handle: async (message) => {
          assertTopicOfOrigin(message);
          handled.push(message.event.messageId);
        },
      });
      const forged = referralReceived('patient-forged', 1);
      const genuine = referralReceived('patient-forged', 2);
      await transport.publisher().publish(schedulingTopic, [forged]);
      await transport.publisher().publish(referralsTopic, [genuine]);
      await handled.waitUntil((ids) => ids.includes(genuine.messageId), 30_000, 'the genuine event');
      await recorded.waitUntil((letters) => letters.some((l) => l.event?.messageId === forged.messageId), 30_000, 'the forged dead letter');
      expect(handled.items).not.toContain(forged.messageId);
      const letter = recorded.items.find((l) => l.event?.messageId === forged.messageId)!;
      expect(letter).toMatchObject({ originalTopic: schedulingTopic, attempts: 1, error: { name: 'WrongTopicError' } });
      expect(letter.error.message).toBe(
        'referrals.referral-received v1 is produced by referrals and accepted only from stepwell.referrals.events, but arrived on stepwell.scheduling.events',
      );
      // Recorded first, then published to the dead-letter topic: poll the topic (with a deadline) for its copy.
      const copyOnTopic = async (): Promise<DeadLetter | undefined> => {
        for (const deadline = Date.now() + 30_000; ; ) {
          const letters = (await subject.readTopic(deadLetterTopic)).map((m) => decodeDeadLetter(m.value));
          const copy = letters.find((l) => l.event?.messageId === forged.messageId);
          if (copy || Date.now() > deadline) return copy;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      expect((await copyOnTopic())?.error.name).toBe('WrongTopicError');
    });

    it('lets two consumer groups each see every message', async () => {
      const { topic, deadLetterTopic } = fresh('groups');
      await transport.ensureTopics([topic], PARTITIONS);
      const events = Array.from({ length: 12 }, (_, i) => referralReceived(`patient-groups-${i % 5}`, i));
      const seenA = new Collector<string>();
      const seenB = new Collector<string>();
      await consume({ groupId: `a-${randomUUID()}`, topics: [topic], deadLetterTopic, handle: async (m) => seenA.push(m.event.messageId) });
      await consume({ groupId: `b-${randomUUID()}`, topics: [topic], deadLetterTopic, handle: async (m) => seenB.push(m.event.messageId) });
      await transport.publisher().publish(topic, events);
      await seenA.waitForCount(events.length);
      await seenB.waitForCount(events.length);
      const ids = events.map((e) => e.messageId).sort();
      expect([...seenA.items].sort()).toEqual(ids);
      expect([...seenB.items].sort()).toEqual(ids);
    });
  });
}
