import { describeWithKafka } from '@stepwell/testing';
import type { DeadLetter, MessageTransport, RunningConsumer } from '../transport.port';
import { describeTransportConformance } from '../testing/transport-conformance';
import { createKafkaTransport } from './kafka-transport';
import type { KafkaLogLine } from './kafka-log-creator';
import { patientEvent, rawKafka, seqOf, uniqueName, waitFor } from './testing/kafka-test-kit';

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 50 };

describeWithKafka('Kafka', (kafka) => {
  describeTransportConformance('Kafka', async () => {
    const transport = createKafkaTransport({
      ...kafka,
      clientId: 'kafka-conformance',
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      log: () => undefined,
    });
    const raw = rawKafka(kafka);
    return {
      transport,
      publishRaw: (topic, message) => raw.produceRaw(topic, [message]),
      readTopic: async (topic) => (await raw.readAll(topic)).map((r) => ({ value: r.value ?? '', headers: r.headers })),
      async cleanup() {
        await transport.close();
        await raw.close();
      },
    };
  });
});

describeWithKafka('Kafka transport', (kafka) => {
  const logs: KafkaLogLine[] = [];
  let transport: MessageTransport;
  let raw: ReturnType<typeof rawKafka>;
  const running: RunningConsumer[] = [];

  beforeAll(() => {
    transport = createKafkaTransport({
      ...kafka,
      clientId: 'kafka-transport-spec',
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      log: (line) => logs.push(line),
    });
    raw = rawKafka(kafka);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await transport.close();
    await raw.close();
  });

  const consume = async (...args: Parameters<MessageTransport['consume']>) => {
    const consumer = await transport.consume(...args);
    running.push(consumer);
    return consumer;
  };

  it('creates topics once and leaves an existing topic as it is', async () => {
    const topic = uniqueName('ensure');
    await transport.ensureTopics([topic], 3);
    await transport.ensureTopics([topic], 3);
    await transport.ensureTopics([topic], 5);
    expect(await raw.partitionCount(topic)).toBe(3);
  });

  it('carries routing facts in the record key and headers', async () => {
    const topic = uniqueName('headers');
    await transport.ensureTopics([topic], 1);
    const withPatient = patientEvent('patient-h', 0);
    const withoutPatient = patientEvent(null, 1);
    await transport.publisher().publish(topic, [withPatient, withoutPatient]);

    const [first, second] = await raw.readRecords(topic, 2);
    expect(first?.key).toBe('patient-h');
    expect(second?.key).toBe(withoutPatient.messageId);
    expect(first?.headers).toMatchObject({
      'stepwell-type': withPatient.type,
      'stepwell-version': '1',
      'stepwell-message-id': withPatient.messageId,
      'stepwell-source': 'referrals',
      'stepwell-correlation-id': withPatient.correlationId,
    });
    expect(JSON.parse(first?.value ?? 'null')).toEqual(withPatient);
  });

  it('commits an offset only after its handler has succeeded', async () => {
    const topic = uniqueName('commit');
    const groupId = uniqueName('commit-group');
    await transport.ensureTopics([topic], 1);
    await transport.publisher().publish(topic, [patientEvent('patient-c', 0), patientEvent('patient-c', 1)]);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    await consume({
      groupId,
      topics: [topic],
      deadLetterTopic: uniqueName('commit-dlq'),
      handle: async ({ event }) => {
        started.push(seqOf(event));
        if (seqOf(event) === 1) await gate;
      },
    });
    await waitFor('the second message in hand', () => started.includes(1));
    await waitFor('the first offset committed', async () => (await raw.committedOffsets(groupId, topic))[0] === '1');
    // The second message is in its handler: its offset must not have moved on yet.
    expect((await raw.committedOffsets(groupId, topic))[0]).toBe('1');

    release();
    await waitFor('the second offset committed', async () => (await raw.committedOffsets(groupId, topic))[0] === '2');
  });

  it('dead-letters a message that fails every attempt and goes on with the rest of its partition', async () => {
    const topic = uniqueName('poison');
    const groupId = uniqueName('poison-group');
    const deadLetterTopic = uniqueName('poison-dlq');
    await transport.ensureTopics([topic], 1);
    const poison = patientEvent('patient-p', 0);
    const after = [patientEvent('patient-p', 1), patientEvent('patient-q', 2)];
    await transport.publisher().publish(topic, [poison, ...after]);

    const attempts: number[] = [];
    const handled: string[] = [];
    await consume({
      groupId,
      topics: [topic],
      deadLetterTopic,
      retry: FAST_RETRY,
      handle: async ({ event }) => {
        attempts.push(seqOf(event));
        if (event.messageId === poison.messageId) throw new TypeError('cannot map this referral');
        handled.push(event.messageId);
      },
    });
    await waitFor('the later messages', () => handled.length === 2);
    expect(handled).toEqual(after.map((e) => e.messageId));
    expect(attempts.filter((seq) => seq === 0)).toHaveLength(3);

    const [record] = await raw.readRecords(deadLetterTopic, 1);
    const letter = JSON.parse(record?.value ?? 'null') as DeadLetter;
    expect(letter).toMatchObject({
      originalTopic: topic,
      originalPartition: 0,
      originalOffset: '0',
      groupId,
      attempts: 3,
      error: { name: 'TypeError', message: 'cannot map this referral' },
      event: poison,
      rawValue: null,
    });
    expect(record?.key).toBe('patient-p');
    expect(record?.headers).toMatchObject({
      'stepwell-original-topic': topic,
      'stepwell-original-partition': '0',
      'stepwell-original-offset': '0',
      'stepwell-attempts': '3',
      'stepwell-error-name': 'TypeError',
      'stepwell-message-id': poison.messageId,
      'stepwell-dead-letter-id': letter.id,
    });
    await waitFor('all three offsets committed', async () => (await raw.committedOffsets(groupId, topic))[0] === '3');
  });

  it('dead-letters a record that is not an integration event without stopping the consumer', async () => {
    const topic = uniqueName('garbage');
    const deadLetterTopic = uniqueName('garbage-dlq');
    await transport.ensureTopics([topic], 1);
    await raw.produceRaw(topic, [
      { key: 'patient-g', value: 'not json at all' },
      { key: 'patient-g', value: JSON.stringify({ messageId: 'nope' }) },
    ]);
    const valid = patientEvent('patient-g', 2);
    await transport.publisher().publish(topic, [valid]);

    const handled: string[] = [];
    await consume({
      groupId: uniqueName('garbage-group'),
      topics: [topic],
      deadLetterTopic,
      handle: async ({ event }) => {
        handled.push(event.messageId);
      },
    });
    await waitFor('the valid message', () => handled.length === 1);
    expect(handled).toEqual([valid.messageId]);

    const letters = (await raw.readRecords(deadLetterTopic, 2)).map((r) => JSON.parse(r.value ?? 'null') as DeadLetter);
    expect(letters.map((l) => [l.originalOffset, l.rawValue, l.event, l.error.name])).toEqual([
      ['0', 'not json at all', null, 'InvalidEnvelopeError'],
      ['1', JSON.stringify({ messageId: 'nope' }), null, 'InvalidEnvelopeError'],
    ]);
  });

  it('keeps its partitions while it retries one message for longer than the session timeout', async () => {
    const topic = uniqueName('heartbeat');
    const groupId = uniqueName('heartbeat-group');
    await transport.ensureTopics([topic], 1);
    const event = patientEvent('patient-s', 0);
    await transport.publisher().publish(topic, [event]);

    // Fails for 9 s in all, longer than the 6 s session: only heartbeats during the backoff keep the member.
    let firstAttemptAt = 0;
    let successes = 0;
    const members = new Set<string>();
    await consume({
      groupId,
      topics: [topic],
      deadLetterTopic: uniqueName('heartbeat-dlq'),
      retry: { maxAttempts: 1_000, initialBackoffMs: 500, maxBackoffMs: 1_000 },
      handle: async () => {
        firstAttemptAt ||= Date.now();
        if (Date.now() - firstAttemptAt < 9_000) {
          for (const member of await raw.groupMembers(groupId)) members.add(member);
          throw new Error('not yet');
        }
        successes++;
      },
    });
    await waitFor('the message handled', () => successes === 1, { timeoutMs: 30_000 });
    await waitFor('its offset committed', async () => (await raw.committedOffsets(groupId, topic))[0] === '1');
    expect(members.size).toBe(1);
    expect(await raw.groupMembers(groupId)).toEqual([...members]);
    expect(successes).toBe(1);
  }, 45_000);

  it('lets a new member join while another retries a message, without dead-lettering it', async () => {
    const topic = uniqueName('rebalance');
    const groupId = uniqueName('rebalance-group');
    const deadLetterTopic = uniqueName('rebalance-dlq');
    await transport.ensureTopics([topic], 2);
    await transport.publisher().publish(topic, [patientEvent('patient-x', 0), patientEvent('patient-y', 0)]);

    let attempts = 0;
    const failing = {
      groupId,
      topics: [topic],
      deadLetterTopic,
      retry: { maxAttempts: 1_000, initialBackoffMs: 100, maxBackoffMs: 200 },
      handle: async () => {
        attempts++;
        throw new Error('downstream unavailable');
      },
    };
    await consume(failing);
    await waitFor('the first member to retry', () => attempts >= 2);

    // The join completes only once the retrying member has given the message up and rejoined.
    const joinedAt = Date.now();
    await consume(failing);
    expect(Date.now() - joinedAt).toBeLessThan(15_000);
    expect(await raw.groupMembers(groupId)).toHaveLength(2);
    expect(await raw.readAll(deadLetterTopic)).toEqual([]);
  }, 45_000);

  it('never writes message payloads to its log: kafkajs’s own warnings and errors reach it, stripped of payloads', async () => {
    // A transport of its own, so that the test holds its own log whether it runs alone or after the others.
    const own: KafkaLogLine[] = [];
    const quick = createKafkaTransport({
      ...kafka,
      clientId: 'kafka-log-spec',
      log: (line) => own.push(line),
      connectionRetry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 },
    });
    const secret = `patient-log-${Date.now()}`;
    const event = patientEvent(secret, 0, { freeText: `${secret} said something private` });
    try {
      // Auto-creation is off: sending to a topic that does not exist fails, and kafkajs logs the failure.
      await expect(quick.publisher().publish(uniqueName('no-such-topic'), [event])).rejects.toThrow();
    } finally {
      await quick.close();
    }
    expect(own.length).toBeGreaterThan(0);
    expect(own).toContainEqual(expect.objectContaining({ level: 'ERROR', namespace: expect.any(String), message: expect.stringMatching(/\S/) }));
    for (const line of own) {
      expect(Object.keys(line).every((key) => ['level', 'namespace', 'message', 'groupId', 'topic', 'partition', 'broker', 'retryCount', 'error'].includes(key))).toBe(true);
    }
    const text = JSON.stringify(own);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(event.messageId);
    expect(text).not.toContain('said something private');
    // The suite's shared transport saw poison and garbage messages (when run with the rest): none of it is logged.
    const shared = JSON.stringify(logs);
    expect(shared).not.toContain('patient-');
    expect(shared).not.toContain('not json at all');
  });
});
