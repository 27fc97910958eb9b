import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { IntegrationEvent, MessagePublisher } from '../transport.port';
import { toKafkaMessage } from './kafka-wire';

/** How long a topic just created may take to appear, with leaders, in the broker's metadata. */
const TOPIC_READY_PATIENCE_MS = 30_000;

export function isTransientMetadataError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE';
}

async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + TOPIC_READY_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready =
        found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`Topics ${topics.join(', ')} have no leader after ${TOPIC_READY_PATIENCE_MS} ms`);
    } catch (error) {
      if (!isTransientMetadataError(error) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
  }
}

/**
 * The transport's single idempotent producer and admin client, connected on first use. `acks: -1` waits for every
 * in-sync replica; one request in flight keeps kafkajs's idempotent producer in order across retries.
 */
export class KafkaPublisher implements MessagePublisher {
  private producer: Producer | null = null;
  private producerReady: Promise<Producer> | null = null;
  private admin: Admin | null = null;
  private adminReady: Promise<Admin> | null = null;

  constructor(private readonly kafka: Kafka) {}

  async publish(topic: string, events: readonly IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Encoding validates every envelope first: nothing of a batch is sent when one event is malformed.
    await this.sendRecords(topic, events.map(toKafkaMessage));
  }

  async sendRecords(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.send({ topic, messages, acks: -1 });
  }

  async ensureTopics(topics: readonly string[], partitions: number): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new RangeError(`A topic needs a whole number of partitions of at least 1, not ${partitions}`);
    }
    if (topics.length === 0) return;
    const admin = await this.connectedAdmin();
    // Topics that exist already are left as they are. Asking first keeps kafkajs from logging a creation error
    // for them; a topic created concurrently in between is still fine (kafkajs then answers false).
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      });
    } catch (error) {
      // kafkajs waits out "leader not available" but not "unknown topic", which a loaded KRaft broker can still
      // answer just after creating the topic (its metadata cache trails the controller): wait that out here.
      if (!isTransientMetadataError(error)) throw error;
    }
    await waitForLeaders(admin, missing);
  }

  async close(): Promise<void> {
    const producer = this.producer;
    const admin = this.admin;
    this.producer = this.admin = null;
    this.producerReady = this.adminReady = null;
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  }

  private connectedProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = producer;
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      // A failed connection is retried on the next publish rather than remembered.
      this.producerReady = null;
      throw error;
    });
    return this.producerReady;
  }

  private connectedAdmin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      const admin = this.kafka.admin();
      this.admin = admin;
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminReady = null;
      throw error;
    });
    return this.adminReady;
  }
}
