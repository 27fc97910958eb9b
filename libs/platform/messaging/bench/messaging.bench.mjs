// End-to-end messaging figures, each against a baseline measured in the same run on the same server:
//   append to the event store → relay → transport → consumer handler, on the PostgreSQL transport
//   (baseline: plain pg INSERT + NOTIFY → LISTEN + SELECT) and, when KAFKA_BROKERS is set (or BENCH_KAFKA=start
//   starts a broker from infra/kafka), on Kafka (baseline: plain kafkajs produce → consume of the same payloads).
// Latency: one event at a time, the next once the previous arrived (p50, p99). Throughput: a burst appended in
// batches, timed until the last message is handled. Bounded: fixed counts (BENCH_LATENCY, BENCH_BURST).
// Run with `npm run bench:messaging` (builds first). Uses DATABASE_URL when set, else an embedded PostgreSQL.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { startEmbeddedPostgres } from '../../../../infra/postgres/embedded.mjs';
import { createPostgresEventStore } from '../../event-store/dist/index.js';
import {
  createKafkaTransport,
  createPostgresTransport,
  encodeIntegrationEvent,
  startRelay,
} from '../dist/index.js';

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY ?? 200);
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const BATCH = 50;
const PARTITIONS = 3;

const progress = (line) => console.log(`  … ${line}`);
const results = [];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Resolves when `n` arrivals have been counted. */
function arrivals() {
  let count = 0;
  let waiters = [];
  return {
    arrived(at = performance.now()) {
      count++;
      waiters = waiters.filter((w) => (count >= w.n ? (w.resolve(at), false) : true));
    },
    until(n, timeoutMs = 120_000) {
      if (count >= n) return Promise.resolve(performance.now());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${n} (have ${count})`)), timeoutMs);
        waiters.push({ n, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      });
    },
    get count() {
      return count;
    },
  };
}

/** Latency of `send(i)` until the i-th arrival, one at a time; throughput of a burst sent by `sendBatch`. */
async function measure(label, { counter, send, sendBurst }) {
  progress(`${label}: latency (${LATENCY_SAMPLES} one at a time)`);
  const samples = [];
  const base = counter.count;
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const start = performance.now();
    await send(i);
    const end = await counter.until(base + i + 1);
    samples.push(end - start);
  }
  samples.sort((a, b) => a - b);
  progress(`${label}: throughput (${BURST} in batches of ${BATCH})`);
  const burstBase = counter.count;
  const start = performance.now();
  await sendBurst(BURST);
  const end = await counter.until(burstBase + BURST);
  const result = { label, p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: (BURST * 1000) / (end - start) };
  results.push(result);
  return result;
}

function integrationEvent(n, patient) {
  return {
    messageId: randomUUID(),
    type: 'referrals.referral-received',
    version: 1,
    source: 'referrals',
    patientSubjectId: patient,
    occurredAt: '2026-11-21T09:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    data: {
      referralId: randomUUID(),
      source: 'gp',
      urgency: 'routine',
      receivingOrganisationId: 'Y01234',
      referrerOrganisationId: 'B82005',
      receivedAt: '2026-11-21T09:00:00.000Z',
    },
  };
}

function domainEvent(n) {
  const e = integrationEvent(n, `patient-${n % 17}`);
  return {
    id: randomUUID(),
    type: 'ReferralReceived',
    data: e.data,
    metadata: {
      occurredAt: e.occurredAt,
      correlationId: e.correlationId,
      causationId: null,
      actor: { userId: 'bench', organisationId: 'Y01234', role: 'admin' },
      patientSubjectId: e.patientSubjectId,
      schemaVersion: 1,
    },
  };
}

const mapToIntegration = (event) => [
  {
    ...integrationEvent(0, event.metadata.patientSubjectId),
    data: event.data,
    occurredAt: event.metadata.occurredAt,
    correlationId: event.metadata.correlationId,
    causationId: event.id,
  },
];

async function appendOne(store, category, n) {
  await store.appendToStream(`${category}-${randomUUID()}`, [domainEvent(n)], { expectedRevision: 'no_stream' });
}

async function appendBurst(store, category, total) {
  for (let i = 0; i < total; i += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, total - i) }, (_, k) => domainEvent(i + k));
    await store.appendToStream(`${category}-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
  }
}

/** append → relay → transport → handler, for one transport. */
async function measureStepwell(label, { store, transport }) {
  const topic = `bench.${randomUUID().slice(0, 8)}.events`;
  const category = `bench${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  await transport.ensureTopics([topic], PARTITIONS);
  const counter = arrivals();
  const consumer = await transport.consume({
    groupId: `bench-${randomUUID()}`,
    topics: [topic],
    deadLetterTopic: `${topic}.dlq`,
    handle: async () => counter.arrived(),
  });
  const relay = await startRelay({
    store,
    subscriptionId: `bench-relay-${randomUUID()}`,
    categories: [category],
    map: mapToIntegration,
    publisher: transport.publisher(),
    topic,
    batchSize: 500,
  });
  try {
    return await measure(label, {
      counter,
      send: (i) => appendOne(store, category, i),
      sendBurst: (n) => appendBurst(store, category, n),
    });
  } finally {
    await relay.stop();
    await consumer.stop();
  }
}

/** publish → handler on one transport, without the store and relay: what the relay adds is the difference. */
async function measureTransportOnly(label, transport) {
  const topic = `bench.${randomUUID().slice(0, 8)}.direct`;
  await transport.ensureTopics([topic], PARTITIONS);
  const counter = arrivals();
  const consumer = await transport.consume({
    groupId: `bench-${randomUUID()}`,
    topics: [topic],
    deadLetterTopic: `${topic}.dlq`,
    handle: async () => counter.arrived(),
  });
  const publisher = transport.publisher();
  try {
    return await measure(label, {
      counter,
      send: (i) => publisher.publish(topic, [integrationEvent(i, `patient-${i % 17}`)]),
      sendBurst: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          await publisher.publish(topic, Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => integrationEvent(i + k, `patient-${(i + k) % 17}`)));
        }
      },
    });
  } finally {
    await consumer.stop();
  }
}

/** Baseline: INSERT + pg_notify in one transaction; a LISTENing client SELECTs what is new. */
async function measurePgBaseline(url) {
  const writer = new pg.Client({ connectionString: url });
  const reader = new pg.Client({ connectionString: url });
  await writer.connect();
  await reader.connect();
  await writer.query('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, key text, value text NOT NULL)');
  const counter = arrivals();
  let last = 0n;
  let reading = Promise.resolve();
  const readNew = async () => {
    const { rows } = await reader.query('SELECT id::text AS id, value FROM bench_raw WHERE id > $1 ORDER BY id LIMIT 1000', [last.toString()]);
    for (const row of rows) {
      JSON.parse(row.value);
      last = BigInt(row.id);
      counter.arrived();
    }
    if (rows.length === 1000) await readNew();
  };
  reader.on('notification', () => (reading = reading.then(readNew)));
  await reader.query('LISTEN bench_raw');
  const insert = async (events) => {
    const wires = events.map((e) => encodeIntegrationEvent(e));
    await writer.query('BEGIN');
    await writer.query('INSERT INTO bench_raw (key, value) SELECT * FROM unnest($1::text[], $2::text[])', [wires.map((w) => w.key), wires.map((w) => w.value)]);
    await writer.query("SELECT pg_notify('bench_raw', '')");
    await writer.query('COMMIT');
  };
  try {
    return await measure('baseline: pg INSERT+NOTIFY → LISTEN+SELECT', {
      counter,
      send: (i) => insert([integrationEvent(i, `patient-${i % 17}`)]),
      sendBurst: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          await insert(Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => integrationEvent(i + k, `patient-${(i + k) % 17}`)));
        }
      },
    });
  } finally {
    await reading;
    await reader.end();
    await writer.end();
  }
}

/** Baseline: plain kafkajs produce (acks all) → consume of the same payloads, same topic layout. */
async function measureKafkaBaseline(brokers) {
  const kafka = new Kafka({ clientId: 'bench-baseline', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const counter = arrivals();
  await consumer.run({
    eachMessage: async ({ message }) => {
      JSON.parse(message.value.toString());
      counter.arrived();
    },
  });
  const send = async (events) => {
    const messages = events.map((e) => {
      const w = encodeIntegrationEvent(e);
      return { key: w.key, value: w.value, headers: w.headers };
    });
    await producer.send({ topic, acks: -1, messages });
  };
  try {
    // The consumer's first fetch waits for the group to form: not part of any figure.
    await send([integrationEvent(0, 'warm-up')]);
    await counter.until(1, 60_000);
    return await measure('baseline: kafkajs produce → consume', {
      counter,
      send: (i) => send([integrationEvent(i, `patient-${i % 17}`)]),
      sendBurst: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          await send(Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => integrationEvent(i + k, `patient-${(i + k) % 17}`)));
        }
      },
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

function report(figure, baseline) {
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  console.log(
    `  ${figure.label.padEnd(52)} p50 ${figure.p50.toFixed(1).padStart(7)} ms  p99 ${figure.p99.toFixed(1).padStart(7)} ms  ` +
      `${figure.perSecond.toFixed(0).padStart(6)} msg/s` +
      (baseline && baseline !== figure
        ? `   (×${ratio(figure.p50, baseline.p50)} p50, ×${ratio(figure.p99, baseline.p99)} p99, ×${ratio(figure.perSecond, baseline.perSecond)} throughput vs baseline)`
        : '   (baseline)'),
  );
}

async function main() {
  let server;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    progress('starting embedded PostgreSQL');
    server = await startEmbeddedPostgres();
    serverUrl = server.url;
  }
  const dbName = `bench_messaging_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const connectionString = url.toString();

  let broker;
  let brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  const store = await createPostgresEventStore({ connectionString });
  const pgTransport = await createPostgresTransport({ connectionString, pollIntervalMs: 1000 });
  let kafkaTransport;
  try {
    const pgBaseline = await measurePgBaseline(connectionString);
    const pgDirect = await measureTransportOnly('PostgreSQL transport: publish → handler', pgTransport);
    const pgRelay = await measureStepwell('PostgreSQL: append → relay → handler', { store, transport: pgTransport });

    let kafkaFigures = null;
    if (!brokers && process.env.BENCH_KAFKA === 'start') {
      progress('starting a Kafka broker (infra/kafka)');
      const { startKafkaBroker } = await import('../../../../infra/kafka/broker.mjs');
      broker = await startKafkaBroker({ port: 0 });
      brokers = broker.brokers;
    }
    if (brokers) {
      kafkaTransport = createKafkaTransport({ brokers, clientId: 'bench' });
      const kafkaBaseline = await measureKafkaBaseline(brokers);
      const kafkaDirect = await measureTransportOnly('Kafka transport: publish → handler', kafkaTransport);
      const kafkaRelay = await measureStepwell('Kafka: append → relay → handler', { store, transport: kafkaTransport });
      kafkaFigures = { kafkaBaseline, kafkaDirect, kafkaRelay };
    }

    console.log(`\nMessaging (latency: ${LATENCY_SAMPLES} single events; throughput: ${BURST} events in batches of ${BATCH}; ${PARTITIONS} partitions)`);
    report(pgBaseline, pgBaseline);
    report(pgDirect, pgBaseline);
    report(pgRelay, pgBaseline);
    if (kafkaFigures) {
      report(kafkaFigures.kafkaBaseline, kafkaFigures.kafkaBaseline);
      report(kafkaFigures.kafkaDirect, kafkaFigures.kafkaBaseline);
      report(kafkaFigures.kafkaRelay, kafkaFigures.kafkaBaseline);
    } else {
      console.log('  Kafka: skipped (set KAFKA_BROKERS, or BENCH_KAFKA=start to start a broker from infra/kafka)');
    }
  } finally {
    await kafkaTransport?.close();
    await pgTransport.close();
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    await broker?.stop();
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
