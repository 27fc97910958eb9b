import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DedicatedKafkaBroker } from '@stepwell/testing';
import { canStartKafkaBroker, describeWithKafka, startDedicatedKafkaBroker } from '@stepwell/testing';
import type { IntegrationEvent, MessageTransport } from '../transport.port';
import { createKafkaTransport } from './kafka-transport';
import { EffectSink } from './testing/effect-sink';
import { patientEvent, rawKafka, seqOf, uniqueName, waitFor } from './testing/kafka-test-kit';

const PATIENTS = ['patient-1', 'patient-2', 'patient-3', 'patient-4', 'patient-5', 'patient-6'];

/** `count` events spread over the patients, each patient's numbered 0, 1, 2... in publication order. */
function eventsFor(count: number): IntegrationEvent[] {
  const seqs = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const patient = PATIENTS[i % PATIENTS.length]!;
    const seq = seqs.get(patient) ?? 0;
    seqs.set(patient, seq + 1);
    return patientEvent(patient, seq);
  });
}

function expectEveryEffectOnceInOrder(sink: EffectSink, events: readonly IntegrationEvent[]): void {
  expect(new Set(sink.effects.keys())).toEqual(new Set(events.map((e) => e.messageId)));
  for (const patient of PATIENTS) {
    const expected = events.filter((e) => e.patientSubjectId === patient).map(seqOf);
    expect({ patient, seqs: sink.perPatient.get(patient) }).toEqual({ patient, seqs: expected });
  }
}

/** Publishes in batches, re-sending a batch whose publication failed (a rejection means "maybe not published"). */
async function publishWithRetry(transport: MessageTransport, topic: string, events: readonly IntegrationEvent[]) {
  let failures = 0;
  for (let i = 0; i < events.length; i += 5) {
    for (;;) {
      try {
        await transport.publisher().publish(topic, events.slice(i, i + 5));
        break;
      } catch {
        failures++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
  return failures;
}

describeWithKafka('Kafka transport under faults', (shared) => {
  const sharedBrokers = shared.brokers;
  const ownBrokerPossible = canStartKafkaBroker();
  const brokerTests = ownBrokerPossible ? describe : describe.skip;
  if (!ownBrokerPossible) {
    if (process.env['REQUIRE_KAFKA'] === '1') throw new Error('REQUIRE_KAFKA=1 but java or mvn is not on PATH');
    console.warn('Skipping the broker-restart test: java or mvn is not on PATH, so no broker of its own can start');
  }

  brokerTests('a broker restart', () => {
    let broker: DedicatedKafkaBroker;
    beforeAll(async () => {
      broker = await startDedicatedKafkaBroker();
    }, 150_000);
    afterAll(async () => {
      await broker?.stop();
    });

    it('delivers every event once in effect and in per-patient order when the broker restarts mid-stream', async () => {
      const options = { brokers: broker.brokers, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000, log: () => undefined };
      const producerSide = createKafkaTransport({ ...options, clientId: 'restart-producer' });
      const consumerSide = createKafkaTransport({ ...options, clientId: 'restart-consumer' });
      const topic = uniqueName('restart');
      const events = eventsFor(400);
      const sink = new EffectSink();
      try {
        await producerSide.ensureTopics([topic], 3);
        await consumerSide.consume({
          groupId: uniqueName('restart-group'),
          topics: [topic],
          deadLetterTopic: uniqueName('restart-dlq'),
          handle: async ({ event }) => {
            // Stands in for a handler's work, so that the outage catches the consumer with messages to go.
            await new Promise((resolve) => setTimeout(resolve, 10));
            sink.record(event.messageId, event.patientSubjectId!, seqOf(event));
          },
        });
        const firstHalf = await publishWithRetry(producerSide, topic, events.slice(0, 200));
        await waitFor('some effects before the outage', () => sink.effects.size >= 30);

        await broker.halt();
        const effectsAtOutage = sink.effects.size;
        // The producer goes on through the outage; the broker comes back while it retries.
        const secondHalf = publishWithRetry(producerSide, topic, events.slice(200));
        const { startupMs } = await broker.resume();
        const failures = firstHalf + (await secondHalf);
        await waitFor('every effect', () => sink.effects.size >= events.length, { timeoutMs: 90_000 });

        expectEveryEffectOnceInOrder(sink, events);
        expect(effectsAtOutage).toBeLessThan(200);
        console.info(
          `broker restart after ${effectsAtOutage} effects: ${events.length} events, ${sink.duplicates} redeliveries absorbed, ` +
            `${failures} publish retries, broker back in ${startupMs} ms`,
        );
      } finally {
        await consumerSide.close();
        await producerSide.close();
      }
    }, 150_000);
  });

  describe('a consumer killed mid-batch', () => {
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    });

    function startConsumerProcess(env: Record<string, string>, sink: EffectSink) {
      const child = spawn(
        process.execPath,
        ['-r', join(__dirname, '../../../testing/jest/swc-register.js'), join(__dirname, 'testing/crashable-consumer.child.ts')],
        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      children.push(child);
      let ready = false;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const parsed = JSON.parse(line) as { ready?: boolean; messageId: string; patient: string; seq: number };
        if (parsed.ready) ready = true;
        else sink.record(parsed.messageId, parsed.patient, parsed.seq);
      });
      return { child, isReady: () => ready };
    }

    it('lets a new consumer carry on from the last committed offset, losing nothing', async () => {
      const producerSide = createKafkaTransport({ ...shared, clientId: 'kill-producer', log: () => undefined });
      const raw = rawKafka(shared);
      const topic = uniqueName('kill');
      const groupId = uniqueName('kill-group');
      const env = {
        KAFKA_BROKERS: sharedBrokers.join(','),
        TOPIC: topic,
        GROUP_ID: groupId,
        DEAD_LETTER_TOPIC: uniqueName('kill-dlq'),
        WORK_MS: '5',
      };
      const events = eventsFor(400);
      const sink = new EffectSink();
      try {
        await producerSide.ensureTopics([topic], 2);
        await producerSide.publisher().publish(topic, events);

        const first = startConsumerProcess(env, sink);
        await waitFor('the first consumer to get going', () => sink.effects.size >= 60, { timeoutMs: 60_000 });
        first.child.kill('SIGKILL');
        await new Promise((resolve) => first.child.once('exit', resolve));
        const handledByFirst = sink.effects.size;
        expect(handledByFirst).toBeLessThan(events.length);

        startConsumerProcess(env, sink);
        await waitFor(
          'all offsets committed',
          async () => {
            const offsets = await raw.committedOffsets(groupId, topic);
            return Object.values(offsets).reduce((sum, offset) => sum + Number(offset), 0) === events.length;
          },
          { timeoutMs: 60_000, everyMs: 200 },
        );
        // An effect is printed before its offset is committed; allow its line to arrive through the pipe.
        await waitFor('every effect', () => sink.effects.size >= events.length, { timeoutMs: 5_000 }).catch(() => undefined);

        expectEveryEffectOnceInOrder(sink, events);
        console.info(
          `consumer killed after ${handledByFirst} of ${events.length} effects; ` +
            `${sink.duplicates} redeliveries absorbed by the sink`,
        );
      } finally {
        await producerSide.close();
        await raw.close();
      }
    }, 120_000);
  });
});
