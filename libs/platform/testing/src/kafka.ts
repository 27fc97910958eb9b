/// <reference types="jest" />
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Kafka availability for tests. The broker is started once per test run (the `npm test` runner, or the opt-in
 * jest global set-up in jest/kafka-global-setup.js) and announced through `KAFKA_BROKERS`; tests never start one.
 */

export type KafkaTestBrokers = { brokers: string[] } | { skipReason: string };

/** The brokers of this test run (`KAFKA_BROKERS`, comma-separated), or why there are none. */
export function kafkaTestBrokers(): KafkaTestBrokers {
  const raw = process.env['KAFKA_BROKERS']?.trim();
  if (!raw) {
    return {
      skipReason:
        'KAFKA_BROKERS is not set: no Kafka broker for this run (start one with `node infra/kafka/kafka.mjs start`, ' +
        'or opt in to libs/platform/testing/jest/kafka-global-setup.js, which needs java and mvn on PATH)',
    };
  }
  const brokers = raw
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return brokers.length > 0 ? { brokers } : { skipReason: `KAFKA_BROKERS holds no broker address: "${raw}"` };
}

/** True when a missing broker must fail the run instead of skipping (CI sets REQUIRE_KAFKA=1). */
function kafkaRequired(): boolean {
  return process.env['REQUIRE_KAFKA'] === '1';
}

/**
 * `describe` for tests that need the real Kafka broker. Without one the block is skipped and the reason printed
 * at collection time, unless `REQUIRE_KAFKA=1`, which makes the missing broker an error.
 */
export function describeWithKafka(name: string, fn: (kafka: { brokers: string[] }) => void): void {
  const found = kafkaTestBrokers();
  if ('brokers' in found) {
    describe(name, () => fn(found));
    return;
  }
  if (kafkaRequired()) {
    throw new Error(`REQUIRE_KAFKA=1 but ${found.skipReason} (test block "${name}")`);
  }
  console.warn(`Skipping "${name}": ${found.skipReason}`);
  describe.skip(name, () => fn({ brokers: [] }));
}

/** A broker of one test's own, for fault tests that stop and restart it (the run's shared broker must stay up). */
export interface DedicatedKafkaBroker {
  brokers: string[];
  /** Milliseconds from launch to "Kafka Server started" (format included). */
  startupMs: number;
  /** Stops the broker process, keeping its data, as an outage would. */
  halt(): Promise<void>;
  /** Starts it again on the same data and ports; resolves once it is ready, with the restart time. */
  resume(): Promise<{ startupMs: number }>;
  /** Stops it for good and deletes its data. */
  stop(): Promise<void>;
}

/** True when this machine can run a broker itself (java and mvn on PATH). */
export function canStartKafkaBroker(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface BrokerEvent {
  event: 'ready' | 'halted' | 'resumed' | 'error';
  brokers?: string[];
  startupMs?: number;
  message?: string;
}

/**
 * Starts a broker on free ports in a child Node process running infra/kafka/broker-process.mjs (jest cannot
 * import that ES module itself). The child stops the broker when this process goes away.
 */
export async function startDedicatedKafkaBroker(): Promise<DedicatedKafkaBroker> {
  const script = join(__dirname, '../../../../infra/kafka/broker-process.mjs');
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((event: BrokerEvent) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let event: BrokerEvent;
    try {
      event = JSON.parse(line) as BrokerEvent;
    } catch {
      return;
    }
    waiting.shift()?.(event);
  });
  child.once('exit', (code) => {
    for (const resolve of waiting.splice(0)) resolve({ event: 'error', message: `broker process exited (${code})` });
  });
  const next = (): Promise<BrokerEvent> => new Promise((resolve) => waiting.push(resolve));
  const expect = async (command: string | null, wanted: BrokerEvent['event']): Promise<BrokerEvent> => {
    const answer = next();
    if (command) child.stdin!.write(`${command}\n`);
    const event = await answer;
    if (event.event !== wanted) throw new Error(`Dedicated Kafka broker: ${event.message ?? event.event}`);
    return event;
  };
  const ready = await expect(null, 'ready');
  return {
    brokers: ready.brokers ?? [],
    startupMs: ready.startupMs ?? 0,
    async halt() {
      await expect('halt', 'halted');
    },
    async resume() {
      const event = await expect('resume', 'resumed');
      return { startupMs: event.startupMs ?? 0 };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end('stop\n');
      await exited;
    },
  };
}
