import type { DeadLetter, DeliveredMessage, IntegrationEvent } from '../transport.port';
import { DEFAULT_RETRY_POLICY } from '../transport.port';
import type { RawMessage } from '../envelope/wire-format';
import { decodeIntegrationEvent, InvalidEnvelopeError } from '../envelope/wire-format';
import type { Sleep } from './retrying-handler';
import { handleWithRetry, toDeadLetter } from './retrying-handler';
import type { ConsumerOptions } from '../transport.port';

export interface RawDelivery extends RawMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface DeliveryDependencies {
  /** Sends a dead letter to the group's dead-letter topic; resolves once it is durable there. */
  publishDeadLetter(letter: DeadLetter): Promise<void>;
  sleep?: Sleep;
  random?: () => number;
  /** Aborted when the consumer stops: the message is then neither committed nor dead-lettered. */
  signal?: AbortSignal;
  now?: () => Date;
}

export type DeliveryVerdict =
  | { verdict: 'handled'; attempts: number }
  | { verdict: 'dead-lettered'; letter: DeadLetter };

/**
 * What both transports do with one delivered message before committing its offset: decode the envelope
 * (malformed → dead letter), run the handler with retries, and on a dead-letter verdict record the dead letter
 * (the consumer's `recordDeadLetter` hook, e.g. the service's dead-letter table) and publish it to the
 * dead-letter topic. Resolves when the offset may be committed; rejects (`ConsumerStoppedError`, or a failure
 * to dead-letter) when it must not be.
 */
export async function processDelivery(
  raw: RawDelivery,
  options: ConsumerOptions,
  deps: DeliveryDependencies,
): Promise<DeliveryVerdict> {
  const now = deps.now ?? (() => new Date());
  const decoded = decodeIntegrationEvent(raw);
  if (!decoded.ok) {
    const letter = toDeadLetter({
      groupId: options.groupId,
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      event: null,
      rawValue: rawValueText(raw.value),
      error: new InvalidEnvelopeError(decoded.problems),
      attempts: 1,
      deadLetteredAt: now().toISOString(),
    });
    await deadLetter(letter, options, deps);
    return { verdict: 'dead-lettered', letter };
  }
  const message: DeliveredMessage = { event: decoded.event, topic: raw.topic, partition: raw.partition, offset: raw.offset };
  const outcome = await handleWithRetry(message, (m) => options.handle(m), options.retry ?? DEFAULT_RETRY_POLICY, {
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (outcome.outcome === 'handled') return { verdict: 'handled', attempts: outcome.attempts };
  const letter = toDeadLetter({
    groupId: options.groupId,
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    event: decoded.event as IntegrationEvent,
    error: outcome.error,
    attempts: outcome.attempts,
    deadLetteredAt: now().toISOString(),
  });
  await deadLetter(letter, options, deps);
  return { verdict: 'dead-lettered', letter };
}

async function deadLetter(letter: DeadLetter, options: ConsumerOptions, deps: DeliveryDependencies): Promise<void> {
  // Recorded before it is published: a crash in between leaves a listed dead letter whose topic copy is
  // re-sent on redelivery (the table de-duplicates by original position), never a lost one.
  await options.recordDeadLetter?.(letter);
  await deps.publishDeadLetter(letter);
}

function rawValueText(value: RawMessage['value']): string | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value : value.toString('utf8');
  // A malformed message may be huge; the dead letter keeps enough to diagnose it.
  return text.length > 64_000 ? `${text.slice(0, 64_000)}…` : text;
}
