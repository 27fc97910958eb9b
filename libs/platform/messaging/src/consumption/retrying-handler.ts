import { randomUUID } from 'node:crypto';
import type { DeadLetter, DeliveredMessage, IntegrationEvent, RetryPolicy } from '../transport.port';
import { DEFAULT_RETRY_POLICY } from '../transport.port';

/** Waits `ms` milliseconds. Injected so that tests never really wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryOutcome =
  | { outcome: 'handled'; attempts: number }
  | { outcome: 'dead-letter'; error: unknown; attempts: number };

export interface RetryOptions {
  sleep?: Sleep;
  /** Source of jitter in [0, 1); injected for deterministic tests. */
  random?: () => number;
  /**
   * Aborted when the consumer stops: the retry loop gives up without a verdict (throws
   * `ConsumerStoppedError`), so the caller neither commits nor dead-letters and the message is redelivered.
   */
  signal?: AbortSignal;
}

/** The consumer stopped while a message was being retried: it must be neither committed nor dead-lettered. */
export class ConsumerStoppedError extends Error {
  readonly code = 'CONSUMER_STOPPED' as const;

  constructor() {
    super('Consumer stopped while retrying a message');
    this.name = 'ConsumerStoppedError';
  }
}

/**
 * A failure no retry can fix (a message that breaks its contract, a malformed envelope): dead-lettered at once.
 * Any error with `permanent === true` counts, so callers need not import this class.
 */
export class PermanentFailureError extends Error {
  readonly code: string = 'PERMANENT_FAILURE';
  readonly permanent = true;

  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailureError';
  }
}

export function isPermanentFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}

/**
 * Backoff before attempt `attempt + 1`, after `attempt` failures (1-based): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that consumers failing together do not retry in lockstep, yet never
 * retry at once.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxBackoffMs, exponential);
  const half = capped / 2;
  return Math.round(half + random() * half);
}

/**
 * Runs `handler` on `message`, retrying a rejection with backoff until it resolves or `policy.maxAttempts`
 * attempts have failed. Never rejects for a handler failure: the verdict is in the outcome.
 */
export async function handleWithRetry<M = DeliveredMessage>(
  message: M,
  handler: (message: M) => Promise<void>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  options: RetryOptions = {},
): Promise<RetryOutcome> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (options.signal?.aborted) throw new ConsumerStoppedError();
    try {
      await handler(message);
      return { outcome: 'handled', attempts: attempt };
    } catch (error) {
      lastError = error;
      if (isPermanentFailure(error)) return { outcome: 'dead-letter', error, attempts: attempt };
    }
    if (attempt < maxAttempts) {
      await sleep(backoffDelayMs(attempt, policy, random));
    }
  }
  if (options.signal?.aborted) throw new ConsumerStoppedError();
  return { outcome: 'dead-letter', error: lastError, attempts: maxAttempts };
}

/** Only the name and message of an error travel: stacks reveal internals, and errors must carry no personal data. */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'NonErrorThrown', message: typeof error === 'string' ? error : 'A non-Error value was thrown' };
}

export interface DeadLetterInput {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  /** The parsed event, or null when the value could not be parsed as an integration event. */
  event: IntegrationEvent | null;
  /** The raw value as text when `event` is null. */
  rawValue?: string | null;
  error: unknown;
  attempts: number;
  /** ISO 8601; default now. */
  deadLetteredAt?: string;
  /** Default: a fresh UUID. */
  id?: string;
}

/** Builds the record written to the dead-letter topic (and to the service's dead-letter table). */
export function toDeadLetter(input: DeadLetterInput): DeadLetter {
  return {
    id: input.id ?? randomUUID(),
    originalTopic: input.topic,
    originalPartition: input.partition,
    originalOffset: input.offset,
    groupId: input.groupId,
    error: describeError(input.error),
    attempts: input.attempts,
    deadLetteredAt: input.deadLetteredAt ?? new Date().toISOString(),
    event: input.event,
    rawValue: input.event ? null : (input.rawValue ?? null),
  };
}
