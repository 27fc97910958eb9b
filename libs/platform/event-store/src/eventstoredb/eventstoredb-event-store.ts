/**
 * The EventStoreDB / KurrentDB adapter (`@eventstore/db-client` 6.2.1).
 *
 * UNPROVEN HERE: no EventStoreDB server can run on the machines this was written on. It was written from the
 * client's type declarations; the shared conformance suite runs against it wherever EVENTSTORE_CONNECTION_STRING
 * points at a server (src/eventstoredb/eventstoredb-event-store.int-spec.ts).
 *
 * Assumptions:
 * - a global position is the event's prepare position, which rises along `$all` because an append's events are
 *   written contiguously (see eventstoredb-mapping.ts). Were that ever false, a read (which only moves forwards
 *   from the last event seen) would drop the out-of-order event: the suite's ordering tests exist to expose it;
 * - the append result's position is that of the append's last event;
 * - streams are small (one referral, one episode): an append reads its whole stream to find the head, the last
 *   hash and any re-sent event ids.
 */
import {
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type JSONType,
  type Position,
} from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  MultiStreamAppendResult,
  NewEvent,
  StreamAppend,
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
import { canonicalJson } from '../hash/canonical-json';
import { GENESIS_HASH, chainHash } from '../hash/hash-chain';
import { verifyLinks, type StoredLink } from '../hash/verify-chain';
import { expectationHolds, validateAppend, validateMultiStreamAppend } from '../append-rules';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import {
  CHAIN_KEY,
  DIRECTIONS,
  EVENT_ID_CLAIM_PREFIX,
  isInternalStream,
  CommitPositions,
  positionOf,
  streamReadPositionOf,
  safe,
  splitMetadata,
  toRecorded,
  type StoredEsdbEvent,
} from './eventstoredb-mapping';
import { esdbCheckpointStore, readEsdbCheckpoint } from './eventstoredb-checkpoints';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  connectionString: string;
  upcasters?: Upcasters;
  pollIntervalMs?: number;
}

const PAGE = 500;
const DEFAULT_READ_LIMIT = 10_000;
/** Retries of an append whose head moved between our read and our write while the caller's expectation allows it. */
const APPEND_ATTEMPTS = 5;

export async function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): Promise<EventStore> {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const upcasters = options.upcasters;
  const subscriptions = new Set<CatchUpSubscription>();
  const commits = new CommitPositions();

  async function readWholeStream(streamId: string): Promise<StoredEsdbEvent[]> {
    const events: StoredEsdbEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, { direction: DIRECTIONS.forwards, fromRevision: START })) {
        if (resolved.event) events.push(resolved.event as StoredEsdbEvent);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  function sameContent(stored: StoredEsdbEvent, event: NewEvent): boolean {
    return (
      stored.type === event.type &&
      canonicalJson(stored.data) === canonicalJson(event.data) &&
      canonicalJson(splitMetadata(stored.metadata).metadata) === canonicalJson(event.metadata)
    );
  }

  /** Same rules as the PostgreSQL adapter: a whole re-sent batch → its original result; any partial overlap → conflict. */
  function resolveDuplicate(streamId: string, stored: StoredEsdbEvent[], events: readonly NewEvent[]): AppendResult | null {
    const byId = new Map(stored.map((event) => [event.id.toLowerCase(), event]));
    const found = events.map((event) => byId.get(event.id.toLowerCase()));
    if (found.every((event) => event === undefined)) return null;
    let previous: bigint | null = null;
    found.forEach((copy, index) => {
      const event = events[index] as NewEvent;
      if (!copy || !sameContent(copy, event) || (previous !== null && copy.revision !== previous + 1n)) {
        throw new EventIdConflictError(event.id, streamId);
      }
      previous = copy.revision;
    });
    const last = found[found.length - 1] as NonNullable<(typeof found)[number]>;
    return { nextExpectedRevision: safe(last.revision), lastGlobalPosition: streamReadPositionOf(last.position) };
  }

  /**
   * EventStoreDB indexes event ids per stream only. A create-once claim stream per id makes an id reused in
   * another stream a conflict, as on PostgreSQL. A claim left by a failed append only ever admits its own stream.
   */
  async function claimIds(streamId: string, events: readonly NewEvent[]): Promise<void> {
    await Promise.all(
      events.map(async (event) => {
        const claim = `${EVENT_ID_CLAIM_PREFIX}${event.id.toLowerCase()}`;
        try {
          await client.appendToStream(claim, jsonEvent({ type: 'EventIdClaimed', data: { streamId } }), { expectedRevision: NO_STREAM });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          const [first] = await readWholeStream(claim);
          if ((first?.data as { streamId?: string } | undefined)?.streamId !== streamId) {
            throw new EventIdConflictError(event.id, streamId);
          }
        }
      }),
    );
  }

  async function appendToStream(streamId: string, events: readonly NewEvent[], appendOptions: AppendOptions): Promise<AppendResult> {
    const expected = appendOptions.expectedRevision;
    validateAppend(streamId, events, expected);
    let actual = -1;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt += 1) {
      const stored = await readWholeStream(streamId);
      const last = stored[stored.length - 1];
      actual = last ? safe(last.revision) : -1;
      const duplicate = events.length > 0 ? resolveDuplicate(streamId, stored, events) : null;
      if (duplicate) return duplicate;
      if (!expectationHolds(expected, actual)) {
        throw new WrongExpectedRevisionError(streamId, expected, actual === -1 ? 'no_stream' : actual);
      }
      if (events.length === 0) {
        return { nextExpectedRevision: actual, lastGlobalPosition: last ? streamReadPositionOf(last.position) : 0 };
      }
      await claimIds(streamId, events);
      let previous = last ? (splitMetadata(last.metadata).link?.hash ?? '') : GENESIS_HASH;
      const payload = events.map((event, index) => {
        const revision = actual + 1 + index;
        const hash = chainHash(previous, { ...event, streamId, revision });
        const link = { hash, previousHash: previous };
        previous = hash;
        const metadata: Record<string, unknown> = JSON.parse(canonicalJson(event.metadata)) as Record<string, unknown>;
        metadata[CHAIN_KEY] = link;
        metadata['$correlationId'] = event.metadata.correlationId;
        if (event.metadata.causationId) metadata['$causationId'] = event.metadata.causationId;
        return jsonEvent({ id: event.id, type: event.type, data: JSON.parse(canonicalJson(event.data)) as JSONType, metadata });
      });
      try {
        // always the exact head we chained onto: an 'any' append must not fork the hash chain
        const result = await client.appendToStream(streamId, payload, {
          expectedRevision: actual === -1 ? NO_STREAM : BigInt(actual),
        });
        if (result.position) commits.remember(result.position);
        return { nextExpectedRevision: safe(result.nextExpectedRevision), lastGlobalPosition: positionOf(result.position) };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // the head moved: re-read; an exact expectation then fails with the true revision
      }
    }
    throw new WrongExpectedRevisionError(streamId, expected, actual === -1 ? 'no_stream' : actual);
  }

  async function readStream(streamId: string, readOptions: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = readOptions.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const reader = client.readStream(streamId, {
        direction: backwards ? DIRECTIONS.backwards : DIRECTIONS.forwards,
        fromRevision: readOptions.fromRevision === undefined ? (backwards ? END : START) : BigInt(readOptions.fromRevision),
        ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
      });
      for await (const resolved of reader) {
        const event = resolved.event as StoredEsdbEvent | undefined;
        if (event) events.push(upcastEvent(toRecorded(event, streamReadPositionOf(event.position)), upcasters));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * Pages through `$all` forwards after `after`, keeping the events `keep` accepts. Each page starts at the exact
   * position of the last event seen (inclusive, so that event is dropped again); the first page starts at the
   * start of `after`'s append when this adapter knows it, else at the log's start (correct, only slower).
   */
  async function scanAll(
    after: number,
    maxCount: number,
    keep: (streamId: string) => boolean,
    /** Applied to the event read (after `keep`): the subject read filters on metadata here, client-side. */
    keepEvent: (event: RecordedEvent) => boolean = () => true,
    /** Inclusive: the scan stops at the first event past it. */
    upTo: number = Number.MAX_SAFE_INTEGER,
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let from: Position | 'start' = commits.startAfter(after);
    let lastPosition = after;
    for (;;) {
      let seen = 0;
      let progressed = false;
      const reader = client.readAll({ fromPosition: from === 'start' ? START : from, maxCount: PAGE, direction: DIRECTIONS.forwards });
      for await (const resolved of reader) {
        seen += 1;
        const event = resolved.event as (StoredEsdbEvent & { position: Position }) | undefined;
        if (!event) continue;
        const position = positionOf(event.position);
        if (position <= lastPosition) continue; // at or before where we already are
        if (position > upTo) {
          await reader.cancel();
          return out;
        }
        commits.remember(event.position);
        from = event.position;
        lastPosition = position;
        progressed = true;
        if (event.type.startsWith('$') || isInternalStream(event.streamId) || !keep(event.streamId)) continue;
        const recorded = toRecorded(event, position);
        if (!keepEvent(recorded)) continue;
        out.push(upcastEvent(recorded, upcasters));
        if (out.length >= maxCount) {
          await reader.cancel();
          return out;
        }
      }
      if (seen < PAGE || !progressed) return out;
    }
  }

  const readAll = (readOptions: ReadLogOptions = {}) =>
    scanAll(readOptions.after ?? 0, readOptions.maxCount ?? DEFAULT_READ_LIMIT, () => true);

  const readCategory = (category: string, readOptions: ReadLogOptions = {}) =>
    scanAll(readOptions.after ?? 0, readOptions.maxCount ?? DEFAULT_READ_LIMIT, (streamId) => streamId.startsWith(`${category}-`));

  /**
   * EventStoreDB's server-side filters see stream names and event types, not metadata, and this adapter keeps no
   * index of its own: the subject read is a scan of `$all` (system events skipped), filtered here, stopping at
   * `upToPosition`. Its cost is the whole log up to that position, as the callers' own scans were before the port
   * had this read; a `$by_subject` projection would be the way to an indexed read on this adapter.
   */
  async function readBySubject(subjectIds: readonly string[], readOptions: ReadBySubjectOptions = {}): Promise<RecordedEvent[]> {
    if (subjectIds.length === 0) return [];
    const wanted = new Set(subjectIds);
    return scanAll(
      0,
      Number.MAX_SAFE_INTEGER,
      () => true,
      (event) => event.metadata.patientSubjectId !== undefined && wanted.has(event.metadata.patientSubjectId),
      readOptions.upToPosition ?? Number.MAX_SAFE_INTEGER,
    );
  }

  async function headPosition(): Promise<number> {
    for await (const resolved of client.readAll({ fromPosition: END, direction: DIRECTIONS.backwards, maxCount: 10 * PAGE })) {
      const event = resolved.event as (StoredEsdbEvent & { position: Position }) | undefined;
      if (event && !event.type.startsWith('$') && !isInternalStream(event.streamId)) return positionOf(event.position);
    }
    return 0;
  }

  async function subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
    const { source } = subscribeOptions;
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      options: subscribeOptions,
      // an outside store's position is not in `commits`: the first read after it starts at the log's start
      checkpoints: subscribeOptions.checkpointStore ?? esdbCheckpointStore(client, subscribeOptions.subscriptionId, source, commits),
      read: (after, batchSize) =>
        source.kind === 'all' ? readAll({ after, maxCount: batchSize }) : readCategory(source.category, { after, maxCount: batchSize }),
      headPosition,
      wakeSource: async (wake) => {
        const live = client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
        live.on('data', wake);
        live.on('error', wake);
        return { close: () => live.unsubscribe() };
      },
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      onStopped: () => subscriptions.delete(subscription),
    });
    subscriptions.add(subscription);
    await subscription.start();
    return subscription;
  }

  async function verifyStream(streamId: string): Promise<VerificationResult> {
    const stored = await readWholeStream(streamId);
    const links: StoredLink[] = stored.map((event) => {
      const { metadata, link } = splitMetadata(event.metadata);
      return {
        id: event.id,
        streamId: event.streamId,
        revision: safe(event.revision),
        type: event.type,
        data: event.data,
        metadata,
        hash: link?.hash ?? '',
        previousHash: link?.previousHash ?? null,
      };
    });
    const failure = verifyLinks(streamId, links, null);
    return failure
      ? { ok: false, streamsChecked: 1, eventsChecked: links.length, failure }
      : { ok: true, streamsChecked: 1, eventsChecked: links.length };
  }

  async function verifyAll(): Promise<VerificationResult> {
    const streams = [...new Set((await scanAll(0, Number.MAX_SAFE_INTEGER, () => true)).map((event) => event.streamId))].sort();
    let eventsChecked = 0;
    for (const [index, streamId] of streams.entries()) {
      const result = await verifyStream(streamId);
      eventsChecked += result.eventsChecked;
      if (!result.ok) return { ...result, streamsChecked: index + 1, eventsChecked };
    }
    return { ok: true, streamsChecked: streams.length, eventsChecked };
  }

  async function subscriptionLag(subscriptionId: string): Promise<SubscriptionLag> {
    const [stored, head] = await Promise.all([readEsdbCheckpoint(client, subscriptionId), headPosition()]);
    const checkpoint = stored?.position ?? null;
    const source = stored?.source;
    const next =
      source && source !== '$all' && source.startsWith('category:')
        ? await readCategory(source.slice('category:'.length), { after: checkpoint ?? 0, maxCount: 1 })
        : await readAll({ after: checkpoint ?? 0, maxCount: 1 });
    const oldest = next[0] ? Date.parse(next[0].recordedAt) : null;
    return {
      subscriptionId,
      checkpoint,
      headPosition: head,
      positionsBehind: Math.max(0, head - (checkpoint ?? 0)),
      secondsBehind: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
    };
  }

  /**
   * EventStoreDB has no transaction across streams: the parts are appended one after another, in the order given,
   * and the first failure stops the rest (earlier parts stay written). See `EventStore.appendToStreams`.
   */
  async function appendToStreams(appends: readonly StreamAppend[]): Promise<MultiStreamAppendResult> {
    validateMultiStreamAppend(appends);
    const streams: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) streams.push(await appendToStream(streamId, events, { expectedRevision }));
    return { streams, lastGlobalPosition: Math.max(...streams.map((stream) => stream.lastGlobalPosition)) };
  }

  return {
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    readCategory,
    readBySubject,
    headPosition,
    subscribe,
    verifyStream,
    verifyAll,
    readCheckpoint: async (subscriptionId) => (await readEsdbCheckpoint(client, subscriptionId))?.position ?? null,
    subscriptionLag,
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await client.dispose();
    },
  };
}
