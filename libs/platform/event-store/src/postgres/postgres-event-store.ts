import { postgresPoolSettings } from '@stepwell/config';
import { Pool, type ClientBase } from 'pg';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  MultiStreamAppendResult,
  StreamAppend,
  NewEvent,
  ReadBySubjectOptions,
  ReadLogOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionLag,
  Upcasters,
  VerificationResult,
} from '../event-store.port';
import { upcastEvent } from '../event-store.port';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import {
  DuplicateEventIdSignal,
  WrongRevisionSignal,
  callAppend,
  callAppendToStreams,
  resolveDuplicate,
} from './postgres-append';
import { expectationHolds, validateAppend, validateMultiStreamAppend } from '../append-rules';
import { EVENT_COLUMNS, rowToEvent, toSafeNumber, type EventRow } from './postgres-rows';
import { validatedSchema } from './postgres-schema';
import { migrateEventStore } from './migrate-event-store';
import { coalescedNotifier, postgresWakeSource } from './postgres-wake-source';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { verifyAllStreams, verifyOneStream } from './postgres-verification';
import { loadCheckpoint, readLag, readStoredCheckpoint, saveCheckpoint } from './postgres-checkpoints';

export interface PostgresEventStoreOptions {
  connectionString?: string;
  /** A pool the caller owns (it is not closed by `close()`). LISTEN needs `connectionString` or a pool client. */
  pool?: Pool;
  /** Default `event_store`. */
  schema?: string;
  upcasters?: Upcasters;
  /** Run the migrations on creation. Default true. */
  migrate?: boolean;
  /** Safety-net poll interval of live subscriptions, should a notification be lost. Default 1000 ms. */
  pollIntervalMs?: number;
}

/** The PostgreSQL adapter, with what only it can do on top of the port. */
export interface PostgresEventStore extends EventStore {
  readonly schema: string;
  readonly pool: Pool;
  /**
   * Appends inside a transaction the caller opened on `client` (for example with its own outbox or read-model
   * writes). The events get their global positions when that transaction commits, so only the revision is
   * returned. A failed append rolls back to a savepoint and leaves the caller's transaction usable.
   */
  appendInTransaction(
    client: ClientBase,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<{ nextExpectedRevision: number }>;
  readCheckpoint(subscriptionId: string): Promise<number | null>;
  subscriptionLag(subscriptionId: string): Promise<SubscriptionLag>;
}

const DEFAULT_READ_LIMIT = 10_000;

export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const schema = validatedSchema(options.schema);
  if (!options.pool && !options.connectionString) {
    throw new Error('createPostgresEventStore needs a connectionString or a pool');
  }
  const connectionString = options.connectionString;
  if (options.migrate !== false) {
    if (!connectionString) throw new Error('Migrating needs a connectionString (or pass migrate: false)');
    await migrateEventStore(connectionString, schema);
  }
  const ownsPool = !options.pool;
  // Bounded, and no statement or idle transaction runs without end (DATABASE_* variables of @stepwell/config).
  const pool = options.pool ?? new Pool({ connectionString, ...postgresPoolSettings() });
  // An idle pooled connection the server dropped is discarded by pg and replaced on the next query; without a
  // listener the 'error' event would crash the process.
  if (ownsPool) pool.on('error', () => undefined);
  let closed: Promise<void> | undefined;
  const upcasters = options.upcasters;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const subscriptions = new Set<CatchUpSubscription>();
  const read = (event: RecordedEvent): RecordedEvent => upcastEvent(event, upcasters);
  const notifier = coalescedNotifier(pool, schema);

  /** `name`: prepare the statement once per connection (the hot read paths). */
  async function queryEvents(sql: string, params: unknown[], name?: string): Promise<RecordedEvent[]> {
    const { rows } = await pool.query<EventRow>({ text: sql, values: params, ...(name ? { name } : {}) });
    return rows.map((row) => read(rowToEvent(row)));
  }

  async function appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options.expectedRevision);
    if (events.length === 0) return emptyAppend(streamId, options);
    try {
      // a single statement in autocommit: its implicit transaction commits, or rolls back on any error
      const appended = await callAppend(pool, schema, streamId, events, options.expectedRevision, true);
      notifier.announce();
      return { nextExpectedRevision: appended.nextExpectedRevision, lastGlobalPosition: appended.lastPosition as number };
    } catch (error) {
      return resolveFailedAppend(pool, error, streamId, events, options);
    }
  }

  /** Every stream's part in one statement (migrations/004-multi-stream-append.sql): all written, or none. */
  async function appendToStreams(appends: readonly StreamAppend[]): Promise<MultiStreamAppendResult> {
    validateMultiStreamAppend(appends);
    let streams: AppendResult[];
    try {
      streams = await callAppendToStreams(pool, schema, appends);
      notifier.announce();
    } catch (error) {
      streams = await resolveFailedMultiAppend(error, appends);
    }
    return { streams, lastGlobalPosition: Math.max(...streams.map((stream) => stream.lastGlobalPosition)) };
  }

  /**
   * After the multi-stream append rolled back: a re-sent one (every part stored as sent) returns its original
   * result; otherwise the first wrong expectation, or the event id conflict.
   */
  async function resolveFailedMultiAppend(error: unknown, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (!(error instanceof WrongRevisionSignal) && !(error instanceof DuplicateEventIdSignal)) throw error;
    // per part: its original result, null (none of its events stored), or the conflict it would be on its own
    const originals: Array<AppendResult | null | EventIdConflictError> = [];
    for (const { streamId, events } of appends) {
      originals.push(
        await resolveDuplicate(pool, schema, streamId, events).catch((conflict: unknown) => {
          if (conflict instanceof EventIdConflictError) return conflict;
          throw conflict;
        }),
      );
    }
    if (originals.every((original) => original !== null && !(original instanceof EventIdConflictError))) return originals as AppendResult[];
    if (error instanceof WrongRevisionSignal) {
      // the database names the stream, unless a racing writer created it after the up-front check: then look
      const failed = error.streamIndex !== null ? appends[error.streamIndex] : await firstUnmetExpectation(appends);
      if (failed) {
        const actual = error.streamIndex !== null ? error.actual : await streamRevision(failed.streamId);
        throw new WrongExpectedRevisionError(failed.streamId, failed.expectedRevision, actual === -1 ? 'no_stream' : actual);
      }
    }
    const conflict = originals.find((original): original is EventIdConflictError => original instanceof EventIdConflictError);
    if (conflict) throw conflict;
    // some parts stored and others not, or the transaction holding an id rolled back: an id conflict either way
    const stored = appends.find((_, index) => originals[index] !== null) ?? (appends[0] as StreamAppend);
    throw new EventIdConflictError((stored.events[0] as NewEvent).id, stored.streamId);
  }

  async function streamRevision(streamId: string): Promise<number> {
    const { rows } = await pool.query<{ revision: string }>(`SELECT revision FROM "${schema}".streams WHERE stream_id = $1`, [streamId]);
    return rows[0] ? toSafeNumber(rows[0].revision) : -1;
  }

  async function firstUnmetExpectation(appends: readonly StreamAppend[]): Promise<StreamAppend | undefined> {
    for (const append of appends) {
      if (!expectationHolds(append.expectedRevision, await streamRevision(append.streamId))) return append;
    }
    return appends[0];
  }

  /** After the append's statement rolled back: a re-sent append returns its original result; the rest are errors. */
  async function resolveFailedAppend(
    executor: Pick<ClientBase, 'query'>,
    error: unknown,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (!(error instanceof WrongRevisionSignal) && !(error instanceof DuplicateEventIdSignal)) throw error;
    const original = await resolveDuplicate(executor, schema, streamId, events);
    if (original) return original;
    if (error instanceof WrongRevisionSignal) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, error.actual === -1 ? 'no_stream' : error.actual);
    }
    // the transaction that held the id rolled back before we could see it: the caller may simply retry
    throw new EventIdConflictError((events[0] as NewEvent).id, streamId);
  }

  async function emptyAppend(streamId: string, options: AppendOptions): Promise<AppendResult> {
    const { rows } = await pool.query<{ revision: string; global_position: string | null }>(
      `SELECT s.revision, l.global_position FROM "${schema}".streams s
         LEFT JOIN "${schema}".events e ON e.stream_id = s.stream_id AND e.revision = s.revision
         LEFT JOIN "${schema}".log l ON l.seq = e.seq
        WHERE s.stream_id = $1`,
      [streamId],
    );
    const actual = rows[0] ? toSafeNumber(rows[0].revision) : -1;
    if (!expectationHolds(options.expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual === -1 ? 'no_stream' : actual);
    }
    const position = rows[0]?.global_position;
    return { nextExpectedRevision: actual, lastGlobalPosition: position ? toSafeNumber(position) : 0 };
  }

  async function appendWithin(
    client: ClientBase,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<{ nextExpectedRevision: number }> {
    validateAppend(streamId, events, options.expectedRevision);
    if (events.length === 0) return { nextExpectedRevision: (await emptyAppend(streamId, options)).nextExpectedRevision };
    await client.query('SAVEPOINT stepwell_append');
    try {
      const appended = await callAppend(client, schema, streamId, events, options.expectedRevision, false);
      await client.query('RELEASE SAVEPOINT stepwell_append');
      return { nextExpectedRevision: appended.nextExpectedRevision };
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT stepwell_append');
      const original = await resolveFailedAppend(client, error, streamId, events, options);
      return { nextExpectedRevision: original.nextExpectedRevision };
    }
  }

  async function readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    return queryEvents(
      `SELECT ${EVENT_COLUMNS} FROM "${schema}".events e JOIN "${schema}".log l ON l.seq = e.seq
        WHERE e.stream_id = $1 AND e.revision ${backwards ? '<=' : '>='} $2
        ORDER BY e.revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      // no maxCount: the whole stream (LIMIT NULL), since a fold over a truncated stream would be silently wrong
      [streamId, from, options.maxCount ?? null],
    );
  }

  /**
   * Highest global position below which nothing is in flight (migrations/003-concurrent-sequencing.sql). It only
   * ever rises and holds for every reader, so the highest one seen is kept and reused while it still covers a page.
   */
  let knownHorizon = 0;

  let horizonQuery: Promise<number> | undefined;
  let queuedHorizonQuery: Promise<number> | undefined;

  async function queryHorizon(): Promise<number> {
    const { rows } = await pool.query<{ horizon: string }>(`SELECT "${schema}".safe_horizon() AS horizon`);
    const horizon = toSafeNumber(rows[0]?.horizon ?? 0);
    if (horizon > knownHorizon) knownHorizon = horizon;
    return knownHorizon;
  }

  /**
   * A horizon taken after this call began (so it covers every commit that finished before it). Each one pauses
   * the commits drawing positions for an instant, so the readers of one store share them: while one is in flight,
   * every caller waits for the single one queued after it.
   */
  function refreshHorizon(): Promise<number> {
    if (!horizonQuery) {
      horizonQuery = queryHorizon().finally(() => {
        horizonQuery = undefined;
      });
      return horizonQuery;
    }
    queuedHorizonQuery ??= horizonQuery
      .catch(() => undefined)
      .then(() => {
        queuedHorizonQuery = undefined;
        return refreshHorizon();
      });
    return queuedHorizonQuery;
  }

  function queryLog(category: string | null, after: number, upTo: number, maxCount: number): Promise<RecordedEvent[]> {
    return category === null
      ? queryEvents(
          `SELECT ${EVENT_COLUMNS} FROM "${schema}".log l JOIN "${schema}".events e ON e.seq = l.seq
            WHERE l.global_position > $1 AND l.global_position <= $2 ORDER BY l.global_position LIMIT $3`,
          [after, upTo, maxCount],
          `stepwell_event_store_all_${schema}`,
        )
      : queryEvents(
          `SELECT ${EVENT_COLUMNS} FROM "${schema}".log l JOIN "${schema}".events e ON e.seq = l.seq
            WHERE l.category = $1 AND l.global_position > $2 AND l.global_position <= $3 ORDER BY l.global_position LIMIT $4`,
          [category, after, upTo, maxCount],
          `stepwell_event_store_category_${schema}`,
        );
  }

  /**
   * Events after `after`, never past the safe horizon: a page under the horizon already known is served as is;
   * a short page (the reader may be near the head) is read again under a fresh horizon, so whatever committed
   * before this call is included. `fresh`: the caller has just refreshed the horizon (the subscription loop).
   */
  async function readLog(category: string | null, options: ReadLogOptions, fresh = false): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? DEFAULT_READ_LIMIT;
    if (fresh || knownHorizon > after) {
      const page = await queryLog(category, after, knownHorizon, maxCount);
      if (fresh || page.length === maxCount) return page;
    }
    return queryLog(category, after, await refreshHorizon(), maxCount);
  }

  const readAll = (options: ReadLogOptions = {}): Promise<RecordedEvent[]> => readLog(null, options);
  const readCategory = (category: string, options: ReadLogOptions = {}): Promise<RecordedEvent[]> => readLog(category, options);

  /**
   * The events naming any of the subjects, in global order, up to `upToPosition` and the safe horizon (so the answer
   * is a prefix of the log: no event past a position still in flight). Served by the expression index of
   * migrations/005-subject-index.sql; a horizon is queried only when the caller's bound is above the one known.
   */
  async function readBySubject(subjectIds: readonly string[], options: ReadBySubjectOptions = {}): Promise<RecordedEvent[]> {
    if (subjectIds.length === 0) return [];
    const bound = options.upToPosition;
    const upTo = bound !== undefined && bound <= knownHorizon ? bound : Math.min(bound ?? Number.MAX_SAFE_INTEGER, await refreshHorizon());
    return queryEvents(
      `SELECT ${EVENT_COLUMNS} FROM "${schema}".events e JOIN "${schema}".log l ON l.seq = e.seq
        WHERE (e.metadata->>'patientSubjectId') = ANY($1::text[]) AND l.global_position <= $2 ORDER BY l.global_position`,
      [[...new Set(subjectIds)], upTo],
      `stepwell_event_store_subject_${schema}`,
    );
  }

  /** The safe horizon: every position up to it is visible or will never exist (a rolled-back commit's gap). */
  const headPosition = (): Promise<number> => refreshHorizon();

  async function subscribe(options: SubscribeOptions): Promise<Subscription> {
    const { subscriptionId, source } = options;
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      options,
      checkpoints: options.checkpointStore ?? {
        load: () => loadCheckpoint(pool, schema, subscriptionId, source),
        save: (from, to) => saveCheckpoint(pool, schema, subscriptionId, from, to),
      },
      // the loop reads the head (a fresh horizon) just before each read
      read: (after, batchSize) =>
        readLog(source.kind === 'all' ? null : source.category, { after, maxCount: batchSize }, true),
      headPosition,
      wakeSource: postgresWakeSource(pool, connectionString, schema),
      pollIntervalMs,
      onStopped: () => subscriptions.delete(subscription),
    });
    subscriptions.add(subscription);
    await subscription.start();
    return subscription;
  }

  return {
    schema,
    pool,
    appendToStream,
    appendToStreams,
    appendInTransaction: appendWithin,
    readStream,
    readAll,
    readCategory,
    readBySubject,
    headPosition,
    subscribe,
    verifyStream: (streamId: string): Promise<VerificationResult> => verifyOneStream(pool, schema, streamId),
    verifyAll: (): Promise<VerificationResult> => verifyAllStreams(pool, schema),
    readCheckpoint: (subscriptionId: string) => readStoredCheckpoint(pool, schema, subscriptionId),
    subscriptionLag: (subscriptionId: string) => readLag(pool, schema, subscriptionId),
    close() {
      closed ??= (async () => {
        await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
        await notifier.settled();
        if (ownsPool) await pool.end();
      })();
      return closed;
    },
  };
}
