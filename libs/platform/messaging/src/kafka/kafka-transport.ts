import type { RetryOptions, SASLOptions } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import type { ConsumerOptions, MessagePublisher, MessageTransport, RunningConsumer } from '../transport.port';
import { startKafkaConsumer } from './kafka-consumer';
import type { KafkaLogSink } from './kafka-log-creator';
import { safeKafkaLogCreator } from './kafka-log-creator';
import { KafkaPublisher } from './kafka-publisher';

/** How a client authenticates to the brokers and protects the connection. */
export interface KafkaSecurity {
  /** SASL/SCRAM: the service's own broker user (the broker's ACLs decide what it may read and write). */
  sasl?: { mechanism: 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** TLS to the brokers; `ca` (PEM) replaces Node's CAs. Certificates are always verified. */
  ssl?: { ca?: string[] };
}

export interface KafkaTransportOptions extends KafkaSecurity {
  /** `host:port` of the bootstrap brokers. Use 127.0.0.1, not localhost (Node may try ::1 first). */
  brokers: readonly string[];
  /** Names this process to the brokers, e.g. `referrals`. */
  clientId: string;
  /** A member that sends no heartbeat for this long loses its partitions (broker minimum 6 000). Default 30 000. */
  sessionTimeoutMs?: number;
  /** Default 3 000; at most a third of the session timeout. */
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new records; also bounds how long a stop waits for an idle fetch. Default 1 000. */
  maxWaitTimeMs?: number;
  /** How kafkajs retries broker requests (connects, sends, commits). Default: kafkajs's, with more retries. */
  connectionRetry?: Pick<RetryOptions, 'initialRetryTime' | 'maxRetryTime' | 'retries'>;
  /** Where kafkajs's warnings and errors go (payload-free). Default: one JSON line on stderr each. */
  log?: KafkaLogSink;
}

/** Signals a misuse of the transport (not a broker failure). */
export class KafkaTransportError extends Error {
  constructor(
    readonly code: 'KAFKA_TRANSPORT_CLOSED' | 'KAFKA_NO_BROKERS',
    message: string,
  ) {
    super(message);
    this.name = 'KafkaTransportError';
  }
}

function saslOptions(sasl: NonNullable<KafkaSecurity['sasl']>): SASLOptions {
  const { username, password } = sasl;
  return sasl.mechanism === 'scram-sha-256' ? { mechanism: 'scram-sha-256', username, password } : { mechanism: 'scram-sha-512', username, password };
}

/**
 * The messaging port on Apache Kafka (kafkajs). Delivery is at least once; ordering holds per patient, because
 * the patient subject id is the record key. kafkajs stays behind this port: nothing else imports it.
 */
export function createKafkaTransport(options: KafkaTransportOptions): MessageTransport {
  if (options.brokers.length === 0) throw new KafkaTransportError('KAFKA_NO_BROKERS', 'No Kafka brokers given');
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: safeKafkaLogCreator(options.log),
    ...(options.sasl ? { sasl: saslOptions(options.sasl) } : {}),
    ...(options.ssl ? { ssl: { rejectUnauthorized: true, ...(options.ssl.ca ? { ca: options.ssl.ca } : {}) } } : {}),
    // Enough to ride out a broker restart of several seconds before a publish fails or a consumer restarts.
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 10, ...options.connectionRetry },
  });
  const publisher = new KafkaPublisher(kafka);
  const consumers = new Set<RunningConsumer>();
  const settings = {
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
    maxWaitTimeMs: options.maxWaitTimeMs ?? 1_000,
  };
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new KafkaTransportError('KAFKA_TRANSPORT_CLOSED', 'The Kafka transport is closed');
  };

  return {
    kind: 'kafka',
    async ensureTopics(topics, partitions) {
      assertOpen();
      await publisher.ensureTopics(topics, partitions);
    },
    publisher(): MessagePublisher {
      assertOpen();
      return { publish: (topic, events) => publisher.publish(topic, events) };
    },
    async consume(consumerOptions: ConsumerOptions): Promise<RunningConsumer> {
      assertOpen();
      const running = await startKafkaConsumer(kafka, publisher, consumerOptions, settings);
      const tracked: RunningConsumer = {
        async stop() {
          consumers.delete(tracked);
          await running.stop();
        },
      };
      consumers.add(tracked);
      return tracked;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      await publisher.close();
    },
  };
}
