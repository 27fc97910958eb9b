import type { DeliveredMessage, IntegrationEvent, RetryPolicy } from '../transport.port';
import {
  backoffDelayMs,
  ConsumerStoppedError,
  handleWithRetry,
  PermanentFailureError,
  toDeadLetter,
} from './retrying-handler';

const policy: RetryPolicy = { maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 250 };

const event: IntegrationEvent = {
  messageId: '0b0e2f7e-6d1c-4d8e-9a59-2a3c0a1b7c11',
  type: 'referrals.referral-received',
  version: 1,
  source: 'referrals',
  patientSubjectId: 'subject-1',
  occurredAt: '2026-11-21T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  data: { referralId: 'r-1' },
};
const message: DeliveredMessage = { event, topic: 'stepwell.referrals.events', partition: 2, offset: '41' };

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('handleWithRetry', () => {
  it('reports a message handled at the first attempt without waiting', async () => {
    const { waits, sleep } = recordingSleep();
    const outcome = await handleWithRetry(message, async () => undefined, policy, { sleep });
    expect(outcome).toEqual({ outcome: 'handled', attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('retries a failing handler with growing, capped backoff until it succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const outcome = await handleWithRetry(
      message,
      async () => {
        calls++;
        if (calls < 4) throw new Error('database unavailable');
      },
      policy,
      { sleep, random: () => 1 },
    );
    expect(outcome).toEqual({ outcome: 'handled', attempts: 4 });
    // random() = 1 gives the full (capped) exponential delay: 100, 200, then 400 capped at 250.
    expect(waits).toEqual([100, 200, 250]);
  });

  it('gives a dead-letter verdict with the last error after maxAttempts failures', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const outcome = await handleWithRetry(
      message,
      async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
      policy,
      { sleep, random: () => 0 },
    );
    expect(calls).toBe(4);
    expect(outcome.outcome).toBe('dead-letter');
    expect(outcome.attempts).toBe(4);
    expect(outcome.outcome === 'dead-letter' && (outcome.error as Error).message).toBe('failure 4');
    // random() = 0 gives half of each delay: jitter never retries at once.
    expect(waits).toEqual([50, 100, 125]);
  });

  it('dead-letters a permanent failure at once, without retrying', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const outcome = await handleWithRetry(
      message,
      async () => {
        calls++;
        throw new PermanentFailureError('breaks its contract');
      },
      policy,
      { sleep },
    );
    expect(outcome).toMatchObject({ outcome: 'dead-letter', attempts: 1 });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up without a verdict when the consumer stops during retries', async () => {
    const controller = new AbortController();
    const sleep = async () => controller.abort();
    await expect(
      handleWithRetry(message, async () => Promise.reject(new Error('down')), policy, {
        sleep,
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(ConsumerStoppedError);
  });
});

describe('backoffDelayMs', () => {
  it('keeps every delay between half and all of the capped exponential backoff', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const full = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
      for (const r of [0, 0.3, 0.999]) {
        const delay = backoffDelayMs(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });
});

describe('toDeadLetter', () => {
  it('records where the message came from, why it failed and the original event', () => {
    const error = new TypeError('bad shape');
    const letter = toDeadLetter({
      groupId: 'scheduling',
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      event,
      error,
      attempts: 5,
      deadLetteredAt: '2026-11-21T09:05:00.000Z',
    });
    expect(letter).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      originalTopic: 'stepwell.referrals.events',
      originalPartition: 2,
      originalOffset: '41',
      groupId: 'scheduling',
      error: { name: 'TypeError', message: 'bad shape' },
      attempts: 5,
      deadLetteredAt: '2026-11-21T09:05:00.000Z',
      event,
      rawValue: null,
    });
  });

  it('keeps the raw value when the message could not be parsed, and never an error stack', () => {
    const letter = toDeadLetter({
      groupId: 'scheduling',
      topic: 't',
      partition: 0,
      offset: '0',
      event: null,
      rawValue: '{not json',
      error: 'unparseable',
      attempts: 1,
    });
    expect(letter.event).toBeNull();
    expect(letter.rawValue).toBe('{not json');
    expect(letter.error).toEqual({ name: 'NonErrorThrown', message: 'unparseable' });
    expect(Object.keys(letter.error).sort()).toEqual(['message', 'name']);
  });
});
