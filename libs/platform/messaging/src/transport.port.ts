/**
 * The messaging port: how services publish integration events and consume other services' events.
 *
 * Two transports implement it — Kafka (kafkajs; production, and tests against a real broker) and PostgreSQL
 * (the committed log plus per-consumer-group checkpoints, woken by LISTEN/NOTIFY; the embedded default) —
 * and one conformance suite proves both. Delivery is at least once; effects are exactly once because every
 * consumer records the message id in its inbox in the same transaction as its effect.
 */

/**
 * An integration event: a published, versioned contract (see libs/contracts), never a private domain event.
 * Carries ids, not entities, and no personal identifiers where an id will do.
 */
export interface IntegrationEvent<Data = unknown> {
  /** UUID; stable across re-publication, so consumers can de-duplicate on it. */
  messageId: string;
  /** Contract name, e.g. `referrals.referral-received`. */
  type: string;
  /** Contract version: v2 is published beside v1 while consumers move. */
  version: number;
  /** Producing service, e.g. `referrals`. */
  source: string;
  /** Opaque patient subject id: the partition key, so one patient's messages stay in order. Null if none. */
  patientSubjectId: string | null;
  /** ISO 8601. */
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  data: Data;
}

/** A message as a consumer receives it. */
export interface DeliveredMessage<Data = unknown> {
  event: IntegrationEvent<Data>;
  topic: string;
  partition: number;
  /** Transport offset within the partition (a decimal string: Kafka offsets are 64-bit). */
  offset: string;
}

export interface MessagePublisher {
  /**
   * Publishes events in the given order. Resolves only once the transport holds them durably (Kafka:
   * `acks: all` from an idempotent producer; PostgreSQL: committed). A rejection means "maybe not published":
   * the caller retries, and consumers absorb the duplicate.
   */
  publish(topic: string, events: readonly IntegrationEvent[]): Promise<void>;
}

export interface ConsumerOptions {
  /** Consumer group: each group sees every message once in effect; members of a group share partitions. */
  groupId: string;
  topics: readonly string[];
  /**
   * Handles one message. Resolving commits it (the offset moves on only after success). Rejecting retries it
   * with backoff up to the retry policy, then sends it to the group's dead-letter topic and moves on.
   */
  handle(message: DeliveredMessage): Promise<void>;
  retry?: RetryPolicy;
  /** Topic that receives messages whose handling failed every attempt, or whose contract did not validate. */
  deadLetterTopic: string;
  /**
   * Records a dead letter where operators can list and re-drive it (the consuming service's dead-letter table),
   * called before the dead letter is published to `deadLetterTopic` and before the offset moves on.
   * A rejection leaves the message uncommitted, to be delivered again.
   */
  recordDeadLetter?(letter: DeadLetter): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts in all, including the first. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

export interface RunningConsumer {
  stop(): Promise<void>;
}

/** A dead letter as stored on a dead-letter topic. */
export interface DeadLetter {
  /** Id of the dead letter itself (unique per dead-lettering). */
  id: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  groupId: string;
  error: { message: string; name: string };
  attempts: number;
  deadLetteredAt: string;
  /** The original event; when the message could not be parsed at all, the raw value as text. */
  event: IntegrationEvent | null;
  rawValue: string | null;
}

export interface MessageTransport {
  readonly kind: 'kafka' | 'postgres';
  /** Creates topics that do not exist yet (idempotent), with the configured partition count. */
  ensureTopics(topics: readonly string[], partitions: number): Promise<void>;
  publisher(): MessagePublisher;
  consume(options: ConsumerOptions): Promise<RunningConsumer>;
  close(): Promise<void>;
}

/**
 * Topic naming convention: one topic per producing service, `stepwell.<service>.events`; one dead-letter topic
 * per consuming service, `stepwell.<service>.dead-letters`.
 */
export const topicFor = (service: string): string => `stepwell.${service}.events`;
export const deadLetterTopicFor = (service: string): string => `stepwell.${service}.dead-letters`;
