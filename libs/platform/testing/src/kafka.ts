/// <reference types="jest" />
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Kafka availability for tests. The broker is started once per test run (the `npm test` runner, or the opt-in
 * jest global set-up in jest/kafka-global-setup.js) and announced through `KAFKA_BROKERS`; tests never start one.
 */

/** SASL/SCRAM credentials (kafkajs's `sasl` option and the services' `KAFKA_SASL_*`). */
export interface KafkaTestSasl {
  mechanism: 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/** The run's broker: its addresses and, when it authenticates clients (SCRAM), the admin user's credentials. */
export interface KafkaTestConnection {
  brokers: string[];
  /** The admin (super) user: tests and set-up. Absent when the broker accepts unauthenticated clients. */
  sasl?: KafkaTestSasl;
}

export type KafkaTestBrokers = KafkaTestConnection | { skipReason: string };

/** The admin credentials of the run's broker (`KAFKA_SASL_MECHANISM`, `_USERNAME`, `_PASSWORD`), if it has SCRAM. */
export function kafkaTestSasl(): KafkaTestSasl | undefined {
  const mechanism = process.env['KAFKA_SASL_MECHANISM']?.trim();
  const username = process.env['KAFKA_SASL_USERNAME'];
  const password = process.env['KAFKA_SASL_PASSWORD'];
  if (!mechanism || !username || !password) return undefined;
  if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') throw new Error(`KAFKA_SASL_MECHANISM ${mechanism} is not a SCRAM mechanism`);
  return { mechanism, username, password };
}

/**
 * One service's own SCRAM user on the run's broker (`KAFKA_TEST_CREDENTIALS`, set with the broker by
 * infra/kafka), or undefined when the broker has no per-service users.
 */
export function kafkaServiceCredentials(service: string): KafkaTestSasl | undefined {
  const raw = process.env['KAFKA_TEST_CREDENTIALS'];
  if (!raw) return undefined;
  const parsed = JSON.parse(raw) as { mechanism: KafkaTestSasl['mechanism']; services: Record<string, { username: string; password: string }> };
  const user = parsed.services[service];
  return user ? { mechanism: parsed.mechanism, ...user } : undefined;
}

/** `{ sasl }` (the admin user) for a plain kafkajs client of the run's broker, or `{}` on a plaintext broker. */
export function kafkaTestClientSasl(): { sasl?: KafkaTestSasl } {
  const sasl = kafkaTestSasl();
  return sasl ? { sasl } : {};
}

/**
 * The Kafka variables for service processes that share one environment in a test (`KAFKA_BROKERS` and the admin
 * user's `KAFKA_SASL_*`). Prefer `kafkaServiceEnv(service, brokers)`, which gives a service its own user.
 */
export function kafkaAdminEnv(brokers: readonly string[]): Record<string, string> {
  const env: Record<string, string> = { KAFKA_BROKERS: brokers.join(',') };
  const sasl = kafkaTestSasl();
  if (sasl) Object.assign(env, { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password });
  return env;
}

/**
 * The Kafka variables a service process needs on the run's broker: `KAFKA_BROKERS` and, on a SCRAM broker, the
 * service's own user (`KAFKA_SASL_*`), so that the broker's ACLs apply to it as in production.
 */
export function kafkaServiceEnv(service: string, brokers: readonly string[]): Record<string, string> {
  const env: Record<string, string> = { KAFKA_BROKERS: brokers.join(',') };
  const sasl = kafkaServiceCredentials(service) ?? kafkaTestSasl();
  if (sasl) {
    env['KAFKA_SASL_MECHANISM'] = sasl.mechanism;
    env['KAFKA_SASL_USERNAME'] = sasl.username;
    env['KAFKA_SASL_PASSWORD'] = sasl.password;
  }
  return env;
}

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
  if (brokers.length === 0) return { skipReason: `KAFKA_BROKERS holds no broker address: "${raw}"` };
  const sasl = kafkaTestSasl();
  return sasl ? { brokers, sasl } : { brokers };
}

/** True when a missing broker must fail the run instead of skipping (CI sets REQUIRE_KAFKA=1). */
function kafkaRequired(): boolean {
  return process.env['REQUIRE_KAFKA'] === '1';
}

/** What a Kafka test block needs beyond a broker: SCRAM users of its own for the named services (ACL tests). */
export interface KafkaTestNeeds {
  serviceUsers?: readonly string[];
}

/** Why this run's broker cannot serve a block with these needs, or null when it can. */
function unmetKafkaNeed(found: KafkaTestConnection, needs: KafkaTestNeeds): string | null {
  const services = needs.serviceUsers ?? [];
  if (services.length === 0) return null;
  if (!found.sasl || services.some((service) => !kafkaServiceCredentials(service))) {
    return `the run’s Kafka broker has no SCRAM users for ${services.join(', ')} (start it with startKafkaBroker({ scram: true }))`;
  }
  return null;
}

/**
 * `describe` for tests that need the real Kafka broker (and, with `needs`, per-service SCRAM users). Without them the
 * block is skipped and the reason printed at collection time, unless `REQUIRE_KAFKA=1`, which makes it an error.
 */
export function describeWithKafka(name: string, fn: (kafka: KafkaTestConnection) => void, needs: KafkaTestNeeds = {}): void {
  const found = kafkaTestBrokers();
  const skipReason = 'brokers' in found ? unmetKafkaNeed(found, needs) : found.skipReason;
  if (skipReason === null && 'brokers' in found) {
    describe(name, () => fn(found));
    return;
  }
  if (kafkaRequired()) {
    throw new Error(`REQUIRE_KAFKA=1 but ${skipReason} (test block "${name}")`);
  }
  console.warn(`Skipping "${name}": ${skipReason}`);
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
