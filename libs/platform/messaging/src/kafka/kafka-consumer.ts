import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { ConsumerOptions, DeadLetter, RunningConsumer } from '../transport.port';
import type { Sleep } from '../consumption/retrying-handler';
import { ConsumerStoppedError, backoffDelayMs } from '../consumption/retrying-handler';
import { processDelivery } from '../consumption/process-delivery';
import type { KafkaPublisher } from './kafka-publisher';
import { isTransientMetadataError } from './kafka-publisher';
import { deadLetterToKafkaMessage, nextOffset } from './kafka-wire';

export interface KafkaConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxWaitTimeMs: number;
}

/** Backoff between attempts to write a dead letter while the broker is unreachable. */
const DEAD_LETTER_PUBLISH_POLICY = { maxAttempts: Number.MAX_SAFE_INTEGER, initialBackoffMs: 200, maxBackoffMs: 5_000 };

/** Errors after which the member must rejoin its group: carrying on would commit under a stale generation. */
const REJOIN_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION']);

function mustRejoin(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && REJOIN_ERRORS.has(type);
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then checks the signal). */
function abortableSleep(signal: AbortSignal): Sleep {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
}

/** How long a subscription waits for the broker to know a topic that was just created. */
const SUBSCRIBE_PATIENCE_MS = 15_000;

/**
 * kafkajs gives up at once when its metadata request finds a topic unknown, and a KRaft broker can answer so for
 * a moment after the topic was created (its metadata cache trails the controller). Topics are created before
 * anyone subscribes, so "unknown" is waited out briefly; a topic that never appears still fails the subscription.
 */
async function subscribeOnceTopicsAreKnown(consumer: Consumer, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + SUBSCRIBE_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      return;
    } catch (error) {
      if (!isTransientMetadataError(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }
}

/**
 * Runs one consumer-group member. Offsets are committed by hand, one message at a time, only once the message
 * was handled or dead-lettered: a crash before that redelivers it (at least once), and the consumer's inbox makes
 * the effect happen once. While a message is being handled or retried the member keeps heart-beating, so a long
 * backoff never costs it its partitions.
 */
export async function startKafkaConsumer(
  kafka: Kafka,
  publisher: KafkaPublisher,
  options: ConsumerOptions,
  settings: KafkaConsumerSettings,
): Promise<RunningConsumer> {
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    maxWaitTimeInMs: settings.maxWaitTimeMs,
  });
  const stopping = new AbortController();

  const publishDeadLetter = (originalKey: string | null, signal: AbortSignal) => async (letter: DeadLetter) => {
    const sleep = abortableSleep(signal);
    // Moving on without the dead letter would lose the message, so keep trying until it is written or the
    // consumer stops (then the message stays uncommitted and is delivered again).
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw new ConsumerStoppedError();
      try {
        await publisher.sendRecords(options.deadLetterTopic, [deadLetterToKafkaMessage(letter, originalKey)]);
        return;
      } catch {
        await sleep(backoffDelayMs(attempt, DEAD_LETTER_PUBLISH_POLICY));
      }
    }
  };

  const eachMessage = async ({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> => {
    const perMessage = new AbortController();
    const signal = AbortSignal.any([stopping.signal, perMessage.signal]);
    let rejoinError: unknown = null;
    let beating = false;
    const keepAlive = setInterval(() => {
      // One heartbeat at a time: while the broker is unreachable a request can hang far longer than the interval.
      if (beating) return;
      beating = true;
      heartbeat()
        .catch((error: unknown) => {
          if (mustRejoin(error)) {
            rejoinError = error;
            perMessage.abort();
          }
        })
        .finally(() => {
          beating = false;
        });
    }, settings.heartbeatIntervalMs);
    const originalKey = message.key ? message.key.toString('utf8') : null;
    try {
      await processDelivery(
        { topic, partition, offset: message.offset, value: message.value, headers: message.headers },
        options,
        { publishDeadLetter: publishDeadLetter(originalKey, signal), sleep: abortableSleep(signal), signal },
      );
    } catch (error) {
      if (error instanceof ConsumerStoppedError) {
        // Neither handled nor dead-lettered: leave the offset where it is. On a rebalance, hand the error to
        // kafkajs so that it rejoins and the partition's next owner gets the message again.
        if (rejoinError) throw rejoinError;
        return;
      }
      throw error;
    } finally {
      clearInterval(keepAlive);
    }
    await consumer.commitOffsets([{ topic, partition, offset: nextOffset(message.offset) }]);
  };

  // Subscribing before the dead-letter topic exists would park poison messages until someone creates it.
  await publisher.ensureTopics([options.deadLetterTopic], 1);
  await consumer.connect();
  try {
    // A new group starts at the beginning: a service that joins late still sees every retained event.
    await subscribeOnceTopicsAreKnown(consumer, options.topics);
    await consumer.run({ autoCommit: false, eachMessage });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        // Waits for the message in hand: it either finishes (and commits) or gives up without committing.
        await consumer.disconnect();
      })();
      return stopped;
    },
  };
}
