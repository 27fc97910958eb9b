import { createHash } from 'node:crypto';
import type { Notification, Pool, PoolClient } from 'pg';
import type { ConsumerOptions } from '../transport.port';
import type { WireMessage } from '../envelope/wire-format';
import { encodeDeadLetter } from '../envelope/wire-format';
import { processDelivery } from '../consumption/process-delivery';
import type { Sleep } from '../consumption/retrying-handler';
import { ConsumerStoppedError } from '../consumption/retrying-handler';
import { quoteIdent } from './message-bus.migration';

export interface PostgresConsumerDeps {
  pool: Pool;
  schema: string;
  channel: string;
  pollIntervalMs: number;
  rebalanceIntervalMs: number;
  batchSize: number;
  partitionsOf(topic: string): Promise<number | null>;
  publishWire(topic: string, messages: readonly WireMessage[]): Promise<void>;
  sleep?: Sleep;
}

interface MessageRow {
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

interface OwnedPartition {
  topic: string;
  partition: number;
  /** Aborted when this member hands the partition back (rebalance) or stops. */
  release: AbortController;
  worker: Promise<void>;
  /** Set by a notification that arrived while the worker was busy, so that it does not wait for it again. */
  pending: boolean;
  wake: (() => void) | null;
}

/**
 * One member of a consumer group. It holds a dedicated session on which it LISTENs and takes a session
 * advisory lock per partition it owns: the lock is what makes it the only member handling that partition,
 * and it is released when the session ends (stop, crash, lost connection) so that another member takes over.
 * Offsets are read and committed on that same session, so a member that lost its session cannot commit.
 *
 * Members share a group's partitions: each holds a membership lock (a two-key advisory lock whose first key is
 * the group's), so every member counts the live members in `pg_locks` — a crashed member vanishes with its
 * session, no heartbeat to expire — and keeps at most ceil(partitions / members), handing extras back.
 */
export class PostgresConsumer {
  private session: PoolClient | null = null;
  private readonly owned = new Map<string, OwnedPartition>();
  private readonly abort = new AbortController();
  private rebalanceTimer: NodeJS.Timeout | null = null;
  private rebalancing: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  private readonly s: string;
  /** Queries on the session run one at a time: partition workers share it. */
  private sessionQueue: Promise<unknown> = Promise.resolve();
  private readonly groupKey: number;
  private memberKey = 0;

  constructor(
    private readonly deps: PostgresConsumerDeps,
    private readonly options: ConsumerOptions,
  ) {
    this.s = quoteIdent(deps.schema);
    this.groupKey = createHash('sha256').update(`stepwell.message-bus.group\0${deps.schema}\0${options.groupId}`).digest().readUInt32BE(0) & 0x7fffffff;
  }

  async start(): Promise<void> {
    await this.openSession();
    await this.rebalance();
    this.rebalanceTimer = setInterval(() => {
      this.rebalancing = this.rebalancing.then(() => this.rebalance()).catch(() => undefined);
    }, this.deps.rebalanceIntervalMs);
    this.rebalanceTimer.unref();
  }

  private async openSession(): Promise<void> {
    const session = await this.deps.pool.connect();
    session.on('error', () => this.onSessionLost(session));
    try {
      session.on('notification', (n) => this.onNotification(n));
      await session.query(`LISTEN ${quoteIdent(this.deps.channel)}`);
      // Offset commits need not wait for the disk: one lost in a server crash only redelivers messages the
      // consumer already handled, and its inbox absorbs them. Publishing stays fully durable.
      await session.query('SET synchronous_commit TO off');
      // Names the session in pg_stat_activity, so an operator sees which group holds which connection.
      await session.query('SELECT set_config($1, $2, false)', ['application_name', `stepwell-consumer:${this.options.groupId}`.slice(0, 63)]);
      await this.joinGroup(session);
    } catch (error) {
      session.release(error instanceof Error ? error : new Error('session set-up failed'));
      throw error;
    }
    this.sessionQueue = Promise.resolve();
    this.session = session;
  }

  /** Partitions this member handles now, as `topic:partition`. */
  ownedPartitions(): string[] {
    return [...this.owned.keys()].sort();
  }

  async stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    this.abort.abort();
    if (this.rebalanceTimer) clearInterval(this.rebalanceTimer);
    await this.rebalancing.catch(() => undefined);
    for (const p of this.owned.values()) p.wake?.();
    await Promise.all([...this.owned.values()].map((p) => p.worker.catch(() => undefined)));
    this.owned.clear();
    const session = this.session;
    this.session = null;
    // Ending the session releases the advisory locks: other members take the partitions over.
    if (session) {
      await this.sessionQueue;
      await session.query('UNLISTEN *').catch(() => undefined);
      await session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await session.query('RESET synchronous_commit; RESET application_name').catch(() => undefined);
      session.release();
    }
  }

  private async joinGroup(session: PoolClient): Promise<void> {
    for (;;) {
      const candidate = 1 + Math.floor(Math.random() * 0x7ffffffe);
      const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS locked', [
        this.groupKey,
        candidate,
      ]);
      if (rows[0]?.locked) {
        this.memberKey = candidate;
        return;
      }
    }
  }

  private async liveMembers(session: PoolClient): Promise<number> {
    const rows = await this.onSession<{ members: number }>(
      session,
      `SELECT count(*)::int AS members FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::bigint::oid
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [this.groupKey],
    );
    return Math.max(1, rows[0]?.members ?? 1);
  }

  private onSession<Row extends object>(session: PoolClient, sql: string, params: unknown[]): Promise<Row[]> {
    const run = this.sessionQueue.then(() => session.query<Row>(sql, params)).then((r) => r.rows);
    this.sessionQueue = run.catch(() => undefined);
    return run;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private onSessionLost(lost: PoolClient): void {
    if (this.session !== lost) return;
    // Without the session the locks are gone and another member may take the partitions: stop handling them
    // at once (nothing more can be committed on this session anyway), then join again on a new session.
    this.session = null;
    lost.release(new Error('consumer session lost'));
    const workers = [...this.owned.values()].map((owned) => {
      owned.release.abort();
      owned.wake?.();
      return owned.worker.catch(() => undefined);
    });
    this.owned.clear();
    this.rebalancing = this.rebalancing
      .then(async () => {
        await Promise.all(workers);
        while (!this.stopped && !this.session) {
          try {
            await this.openSession();
            await this.rebalance();
          } catch {
            await this.pause(this.deps.pollIntervalMs, this.abort.signal);
          }
        }
      })
      .catch(() => undefined);
  }

  private async rebalance(): Promise<void> {
    const session = this.session;
    if (this.stopped || !session) return;
    const all: Array<{ topic: string; partition: number }> = [];
    for (const topic of this.options.topics) {
      const partitions = (await this.deps.partitionsOf(topic)) ?? 0;
      for (let partition = 0; partition < partitions; partition++) all.push({ topic, partition });
    }
    const target = Math.ceil(all.length / (await this.liveMembers(session)));
    // Hand back what is beyond this member's share, so that a newcomer can take it.
    for (const extra of [...this.owned.values()].slice(target)) await this.releasePartition(session, extra);
    // Start from a member-specific place so that members do not all contend for partition 0 first.
    const start = all.length ? this.memberKey % all.length : 0;
    for (let i = 0; i < all.length && this.owned.size < target; i++) {
      const { topic, partition } = all[(start + i) % all.length] as { topic: string; partition: number };
      const id = `${topic}:${partition}`;
      if (this.owned.has(id) || this.stopped || this.session !== session) continue;
      const rows = await this.onSession<{ locked: boolean }>(session, 'SELECT pg_try_advisory_lock($1::bigint) AS locked', [
        this.lockKey(topic, partition),
      ]);
      if (!rows[0]?.locked) continue;
      const owned: OwnedPartition = {
        topic,
        partition,
        release: new AbortController(),
        worker: Promise.resolve(),
        pending: true,
        wake: null,
      };
      this.owned.set(id, owned);
      owned.worker = this.work(owned);
    }
  }

  private async releasePartition(session: PoolClient, owned: OwnedPartition): Promise<void> {
    owned.release.abort();
    owned.wake?.();
    await owned.worker.catch(() => undefined);
    this.owned.delete(`${owned.topic}:${owned.partition}`);
    await this.onSession(session, 'SELECT pg_advisory_unlock($1::bigint)', [this.lockKey(owned.topic, owned.partition)]);
  }

  private lockKey(topic: string, partition: number): string {
    const digest = createHash('sha256')
      .update(`stepwell.message-bus\0${this.deps.schema}\0${this.options.groupId}\0${topic}\0${partition}`)
      .digest();
    return digest.readBigInt64BE(0).toString();
  }

  private onNotification(notification: Notification): void {
    if (notification.channel !== this.deps.channel || !notification.payload) return;
    const [topic, partition] = notification.payload.split('\t');
    const owned = this.owned.get(`${topic}:${partition}`);
    if (!owned) return;
    owned.pending = true;
    owned.wake?.();
  }

  private async work(owned: OwnedPartition): Promise<void> {
    const { topic, partition } = owned;
    const signal = AbortSignal.any([this.abort.signal, owned.release.signal]);
    let next: bigint | null = null;
    while (!signal.aborted) {
      const session = this.session;
      if (!session) return;
      try {
        next ??= await this.committedOffset(session, topic, partition);
        owned.pending = false;
        const rows: MessageRow[] = await this.onSession<MessageRow>(
          session,
          `SELECT m."offset"::text AS offset, m.key, m.value, m.headers FROM ${this.s}.messages m
           WHERE m.topic = $1 AND m.partition = $2 AND m."offset" >= $3 ORDER BY m."offset" LIMIT $4`,
          [topic, partition, next.toString(), this.deps.batchSize],
        );
        if (rows.length === 0) {
          await this.waitForWork(owned);
          continue;
        }
        for (const row of rows) {
          if (signal.aborted) return;
          await processDelivery(
            { topic, partition, offset: row.offset, value: row.value, headers: row.headers },
            this.options,
            {
              publishDeadLetter: (letter) => this.deps.publishWire(this.options.deadLetterTopic, [encodeDeadLetter(letter)]),
              signal,
              ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
            },
          );
          await this.onSession(
            session,
            `INSERT INTO ${this.s}.consumer_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
             ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, committed_at = now()`,
            [this.options.groupId, topic, partition, (BigInt(row.offset) + 1n).toString()],
          );
          next = BigInt(row.offset) + 1n;
        }
      } catch (error) {
        if (error instanceof ConsumerStoppedError || signal.aborted) return;
        // The database or the dead-letter path failed: the offset did not move; read again after a pause.
        // (A handler's own failures never arrive here: they are retried and dead-lettered.)
        await this.pause(this.deps.pollIntervalMs, signal);
      }
    }
  }

  private async committedOffset(session: PoolClient, topic: string, partition: number): Promise<bigint> {
    const rows = await this.onSession<{ next_offset: string }>(
      session,
      `SELECT next_offset::text AS next_offset FROM ${this.s}.consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [this.options.groupId, topic, partition],
    );
    // A new group starts at the beginning of the log, like a Kafka consumer reading `fromBeginning`.
    return rows[0] ? BigInt(rows[0].next_offset) : 0n;
  }

  private waitForWork(owned: OwnedPartition): Promise<void> {
    if (owned.pending || this.stopped || owned.release.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.deps.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        owned.wake = null;
        resolve();
      }
      owned.wake = done;
    });
  }

  private pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
