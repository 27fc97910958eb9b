import { postgresPoolSettings } from '@stepwell/config';
import { Pool } from 'pg';
import type {
  ConsumerOptions,
  IntegrationEvent,
  MessagePublisher,
  MessageTransport,
  RunningConsumer,
} from '../transport.port';
import type { WireMessage } from '../envelope/wire-format';
import { encodeIntegrationEvent } from '../envelope/wire-format';
import { migrateMessageBus, quoteIdent } from './message-bus.migration';
import { partitionForKey } from './partitioner';
import { PostgresConsumer } from './postgres-consumer';
import type { Sleep } from '../consumption/retrying-handler';

export interface PostgresTransportOptions {
  connectionString?: string;
  /** An existing pool (not ended by `close()`); otherwise one is created from `connectionString`. */
  pool?: Pool;
  /** Schema of the bus tables. Default `message_bus`. */
  schema?: string;
  /** Safety-net poll when no notification arrives (a lost NOTIFY, a restarted listener). Default 1000 ms. */
  pollIntervalMs?: number;
  /** How often a consumer tries to take partitions no member of its group holds. Default 2000 ms. */
  rebalanceIntervalMs?: number;
  /** Messages read per query. Default 100. */
  batchSize?: number;
  /** Partitions given to a dead-letter topic a consumer creates for itself. Default 1. */
  deadLetterTopicPartitions?: number;
  /** Run the bus migration on creation. Default true. */
  migrate?: boolean;
  /** Injected into retries (tests). */
  sleep?: Sleep;
}

export class UnknownTopicError extends Error {
  readonly code = 'UNKNOWN_TOPIC' as const;

  constructor(readonly topic: string) {
    super(`Topic ${topic} does not exist: call ensureTopics first`);
    this.name = 'UnknownTopicError';
  }
}

/** The topic exists, but this database role is not one of its writers (see `grantMessageBusRole`). */
export class TopicNotWritableError extends Error {
  readonly code = 'TOPIC_NOT_WRITABLE' as const;

  constructor(readonly topic: string) {
    super(`This database role may not publish to topic ${topic}: only its producer's role may`);
    this.name = 'TopicNotWritableError';
  }
}

/** A member of a consumer group on the PostgreSQL transport. */
export interface PostgresRunningConsumer extends RunningConsumer {
  /** Partitions this member handles now, as `topic:partition`. */
  ownedPartitions(): string[];
}

export interface PostgresTransport extends MessageTransport {
  readonly kind: 'postgres';
  readonly schema: string;
  consume(options: ConsumerOptions): Promise<PostgresRunningConsumer>;
  /** Publishes already-encoded messages (used for dead letters, which are not integration events). */
  publishWire(topic: string, messages: readonly WireMessage[]): Promise<void>;
}

/**
 * The PostgreSQL transport: a committed log per topic-partition in its own schema, consumer-group offsets moved
 * only after success, woken by LISTEN/NOTIFY with a slow poll as safety net, and one member of a group per
 * partition at a time (a session advisory lock), so several instances of a service share partitions safely.
 */
export async function createPostgresTransport(options: PostgresTransportOptions): Promise<PostgresTransport> {
  const schema = options.schema ?? 'message_bus';
  quoteIdent(schema);
  const ownsPool = !options.pool;
  if (!options.pool && !options.connectionString) throw new Error('createPostgresTransport: give a pool or a connectionString');
  // Bounded, and no statement or idle transaction runs without end (DATABASE_* variables of @stepwell/config).
  const pool = options.pool ?? new Pool({ connectionString: options.connectionString, ...postgresPoolSettings() });
  // An idle client's error (server restart) must not crash the process: the next query reconnects.
  if (ownsPool) pool.on('error', () => undefined);
  if (options.migrate ?? true) await migrateMessageBus(pool, schema);
  return new PgTransport(pool, ownsPool, schema, options);
}

class PgTransport implements PostgresTransport {
  readonly kind = 'postgres' as const;
  private readonly s: string;
  private readonly partitionCounts = new Map<string, number>();
  private readonly consumers = new Set<PostgresConsumer>();
  private closed = false;
  private roundRobin = 0;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    readonly schema: string,
    private readonly options: PostgresTransportOptions,
  ) {
    this.s = quoteIdent(schema);
  }

  /** The NOTIFY channel; its payload is `<topic>\t<partition>`. */
  get channel(): string {
    return `${this.schema}_published`;
  }

  async ensureTopics(topics: readonly string[], partitions: number): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1) throw new Error('ensureTopics: partitions must be >= 1');
    for (const topic of topics) {
      await this.pool.query(`INSERT INTO ${this.s}.topics (name, partitions) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
        topic,
        partitions,
      ]);
      // An existing topic keeps its partition count, as on Kafka: moving keys between partitions breaks order.
      await this.pool.query(
        `INSERT INTO ${this.s}.partitions (topic, partition)
         SELECT t.name, p FROM ${this.s}.topics t, generate_series(0, t.partitions - 1) p WHERE t.name = $1
         ON CONFLICT DO NOTHING`,
        [topic],
      );
    }
  }

  async partitionsOf(topic: string): Promise<number | null> {
    const cached = this.partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const { rows } = await this.pool.query<{ partitions: number }>(`SELECT partitions FROM ${this.s}.topics WHERE name = $1`, [
      topic,
    ]);
    const count = rows[0]?.partitions ?? null;
    if (count !== null) this.partitionCounts.set(topic, count);
    return count;
  }

  publisher(): MessagePublisher {
    return {
      publish: (topic: string, events: readonly IntegrationEvent[]) =>
        this.publishWire(topic, events.map((event) => encodeIntegrationEvent(event))),
    };
  }

  async publishWire(topic: string, messages: readonly WireMessage[]): Promise<void> {
    if (this.closed) throw new Error('Transport closed');
    if (messages.length === 0) return;
    const partitions = await this.partitionsOf(topic);
    if (partitions === null) throw new UnknownTopicError(topic);
    const byPartition = new Map<number, WireMessage[]>();
    for (const message of messages) {
      const fallback = message.headers['stepwell-message-id'] ?? String(this.roundRobin++);
      const partition = partitionForKey(message.key, partitions, fallback);
      const list = byPartition.get(partition) ?? [];
      list.push(message);
      byPartition.set(partition, list);
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Lock partitions in a fixed order so that two multi-partition publishes cannot deadlock.
      for (const [partition, batch] of [...byPartition.entries()].sort(([a], [b]) => a - b)) {
        const { rows } = await client.query<{ first: string }>(
          `UPDATE ${this.s}.partitions SET next_offset = next_offset + $3
           WHERE topic = $1 AND partition = $2 RETURNING next_offset - $3 AS first`,
          [topic, partition, batch.length],
        );
        if (!rows[0]) {
          // A partition row every role can read but this UPDATE could not see is one this role may not advance
          // (row-level security): another service's topic.
          const { rowCount } = await client.query(`SELECT 1 FROM ${this.s}.partitions WHERE topic = $1 AND partition = $2`, [topic, partition]);
          throw rowCount ? new TopicNotWritableError(topic) : new UnknownTopicError(topic);
        }
        const first = BigInt(rows[0].first);
        await client.query(
          `INSERT INTO ${this.s}.messages (topic, partition, "offset", key, value, headers)
           SELECT $1, $2, o, k, v, h FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[]) AS m(o, k, v, h)`,
          [
            topic,
            partition,
            batch.map((_, i) => String(first + BigInt(i))),
            batch.map((m) => m.key),
            batch.map((m) => m.value),
            batch.map((m) => JSON.stringify(m.headers)),
          ],
        );
        await client.query('SELECT pg_notify($1, $2)', [this.channel, `${topic}\t${partition}`]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async consume(options: ConsumerOptions): Promise<PostgresRunningConsumer> {
    if (this.closed) throw new Error('Transport closed');
    await this.ensureTopics([options.deadLetterTopic], this.options.deadLetterTopicPartitions ?? 1);
    for (const topic of options.topics) {
      if ((await this.partitionsOf(topic)) === null) throw new UnknownTopicError(topic);
    }
    const consumer = new PostgresConsumer(
      {
        pool: this.pool,
        schema: this.schema,
        channel: this.channel,
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
        rebalanceIntervalMs: this.options.rebalanceIntervalMs ?? 2000,
        batchSize: this.options.batchSize ?? 100,
        partitionsOf: (topic) => this.partitionsOf(topic),
        publishWire: (topic, messages) => this.publishWire(topic, messages),
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      },
      options,
    );
    await consumer.start();
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
      ownedPartitions: () => consumer.ownedPartitions(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
    if (this.ownsPool) await this.pool.end();
  }
}
