/**
 * The event-store port: the one interface every service writes its history through.
 *
 * Two adapters implement it (PostgreSQL with `pg`, EventStoreDB with `@eventstore/db-client`) and one
 * conformance suite proves both. The store is the legal audit trail of each patient's care: it never loses,
 * reorders, duplicates or silently alters an event.
 *
 * Revisions and positions are plain numbers: a stream revision counts events from 0, and a global position
 * orders the whole log. Both stay far below 2^53 for any real workload; adapters reject values beyond it.
 */

/** Who did it: the authenticated principal behind the change. */
export interface Actor {
  userId: string;
  /** ODS code of the organisation the user acted for. */
  organisationId: string;
  role: string;
}

export interface EventMetadata {
  /** When the change happened in the world (ISO 8601), as the command said. */
  occurredAt: string;
  /** Ties together every event caused by one request or workflow. */
  correlationId: string;
  /** The message, command or event that caused this one; null for a user's own request. */
  causationId: string | null;
  actor: Actor;
  /** Opaque patient subject id where the event concerns a patient; never an NHS number or a name. */
  patientSubjectId?: string;
  /** Version of the event's data shape, for upcasting on read. */
  schemaVersion: number;
}

/** An event to append. `id` is a UUID chosen by the writer: re-appending the same id is harmless. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  /** 0-based, gap-free position of the event within its stream. */
  revision: number;
  /** Position in the global log ($all): every reader sees the same commit order. */
  globalPosition: number;
  /** When the store committed it (ISO 8601). */
  recordedAt: string;
  /** Hash-chain link: sha256 over this event's content and the previous event's hash (hex). */
  hash: string;
}

/**
 * What the writer expects of the stream before its append.
 * - `no_stream`: the stream must not exist (create-once);
 * - `stream_exists`: it must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expectation. */
  nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  lastGlobalPosition: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface MultiStreamAppendResult {
  /** One result per stream, in the order given. */
  streams: AppendResult[];
  /** Global position of the last event of the whole append. */
  lastGlobalPosition: number;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive. Default: the first event going forwards, the last going backwards. */
  fromRevision?: number;
  /** Default: no limit (the rest of the stream). */
  maxCount?: number;
}

export interface ReadLogOptions {
  /** Exclusive: events strictly after this global position. Default: from the start. */
  after?: number;
  /** Default 10,000 in both adapters: page through a large log with `after`. */
  maxCount?: number;
}

export interface ReadBySubjectOptions {
  /** Inclusive: only events at or below this global position (e.g. a head the caller already waited for). Default: the head. */
  upToPosition?: number;
}

/** Where a catch-up subscription reads from. */
export type SubscriptionSource = { kind: 'all' } | { kind: 'category'; category: string };

interface SubscribeOptionsCommon {
  /** Durable name: the checkpoint is stored under it and a restart resumes after it. */
  subscriptionId: string;
  source: SubscriptionSource;
  onError?(error: unknown): void;
  /** Events read per round trip (default 500); in batch mode also the largest batch handed over. */
  batchSize?: number;
  /**
   * The events the handler wants (default: every event of the source). The others are read past without being handed
   * over, and a page with none of the wanted ones saves no checkpoint: its position is kept in memory and saved with
   * the next page that had work, after `idleCheckpoint.pages` such pages or `idleCheckpoint.ms` since the last save
   * (also while caught up and asleep), and at an orderly `stop()`. A crash loses only that unsaved stretch: the next
   * start reads it again from the saved checkpoint (it never skips; the handler is given nothing from it it was not
   * already given, for a filter that did not change). Under an `EventCodec` it sees the stored form: decide on the
   * stream, type or metadata, which a codec leaves as they are.
   */
  selects?(event: RecordedEvent): boolean;
  /** When a position reached through pages with nothing wanted is saved anyway: see `selects`. */
  idleCheckpoint?: IdleCheckpointOptions;
  /**
   * Where the position is kept, instead of the store's own checkpoint under `subscriptionId` (a read model whose
   * checkpoint row commits with its rows: one record of how far it got). `readCheckpoint` and `subscriptionLag` then
   * know nothing of it.
   */
  checkpointStore?: CheckpointStore;
}

export interface IdleCheckpointOptions {
  /** Pages in a row with nothing wanted after which the position is saved (default 20). */
  pages?: number;
  /** Time since the last save after which an idle position is saved (default 5,000 ms). */
  ms?: number;
}

/** Where a subscription keeps its position. */
export interface CheckpointStore {
  /** The saved position; null before the first save. */
  load(): Promise<number | null>;
  /**
   * Records that every wanted event up to `to` was handled; `from` is the position last loaded or saved. The store's
   * own checkpoints are a compare-and-set from `from` (another instance moving it meanwhile is a conflict); a
   * rejection stops the subscription, which resumes from the saved position on its next start.
   */
  save(from: number | null, to: number): Promise<void>;
}

/** Per-event mode: one handler call and one checkpoint save per event. */
export interface PerEventSubscribeOptions extends SubscribeOptionsCommon {
  /**
   * Called once per event, in global order. The checkpoint moves past the event only after the returned
   * promise resolves; a rejection stops the subscription (reported through `onError`), and the same event is
   * delivered again on the next start.
   */
  handle(event: RecordedEvent): Promise<void>;
  handleBatch?: never;
}

/**
 * Batch mode: one handler call and ONE checkpoint save per page of events (up to `batchSize`), for handlers
 * whose effects are idempotent (a relay whose consumers keep an inbox): after a crash or a rejection the whole
 * page is delivered again, including the events before the one that failed.
 */
export interface BatchSubscribeOptions extends SubscribeOptionsCommon {
  /**
   * Called with a non-empty page of events in global order, the next page only after this one resolved. The
   * checkpoint moves to the page's last event only after the returned promise resolves; a rejection stops the
   * subscription (reported through `onError`) without moving it, and the whole page is delivered again on the
   * next start. With `selects`, `events` are the page's wanted events (never none) and `pageEnd` is the position of
   * the page's last event, wanted or not: the position the checkpoint is saved at once this resolves.
   */
  handleBatch(events: readonly RecordedEvent[], pageEnd: number): Promise<void>;
  handle?: never;
}

/** Exactly one of `handle` (per event) or `handleBatch` (per page, one checkpoint per page). */
export type SubscribeOptions = PerEventSubscribeOptions | BatchSubscribeOptions;

export interface SubscriptionStatus {
  subscriptionId: string;
  /** Global position of the last event handled and checkpointed (saved), or null before the first. */
  checkpoint: number | null;
  /**
   * How far it has read and handled, in memory: at or after `checkpoint`, ahead of it by pages with nothing wanted
   * (see `SubscribeOptions.selects`) not saved yet.
   */
  position: number | null;
  state: 'catching-up' | 'live' | 'stopped' | 'failed';
}

export interface Subscription {
  readonly subscriptionId: string;
  status(): SubscriptionStatus;
  /**
   * Resolves once the subscription has handled (or read past, as not wanted) everything up to `position`: tests wait
   * on this, never on sleeps. The saved checkpoint may still be behind it by pages that had nothing wanted.
   */
  waitForCheckpoint(position: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Result of re-computing a hash chain. */
export type VerificationResult =
  | { ok: true; streamsChecked: number; eventsChecked: number }
  | {
      ok: false;
      streamsChecked: number;
      eventsChecked: number;
      /** The first broken link found. */
      failure: {
        streamId: string;
        /** Revision where the chain first breaks. */
        revision: number;
        eventId: string | null;
        reason: 'altered' | 'removed' | 'reordered';
        detail: string;
      };
    };

export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams (each at most once, each with its own expectation) as one write, in the order
   * given: their events take global positions in that order.
   * - PostgreSQL: atomic — every expectation holds and every event is written, or nothing is (one statement,
   *   one commit). A re-sent identical append returns the original result, as for one stream.
   * - EventStoreDB has no multi-stream transaction: the streams are appended one after another in the order
   *   given and the first failure stops it, leaving the earlier streams written (the same as the caller making
   *   the appends itself). Callers keep each stream's part idempotent (deterministic event ids, create-once
   *   expectations), so that a retry completes what a failure left half done.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<MultiStreamAppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log ($all) in commit order. */
  readAll(options?: ReadLogOptions): Promise<RecordedEvent[]>;
  /** Every stream whose id starts with `<category>-`, in global order. */
  readCategory(category: string, options?: ReadLogOptions): Promise<RecordedEvent[]>;
  /**
   * Every event whose `metadata.patientSubjectId` is one of `subjectIds` (every stream and category, the access trail
   * included), in global order, up to `upToPosition` and never past what a reader may see now. An empty list reads
   * nothing. PostgreSQL answers it from an index (its cost is the person's record, not the log); EventStoreDB cannot
   * filter on metadata server-side, so its adapter scans `$all` (see the package README).
   */
  readBySubject(subjectIds: readonly string[], options?: ReadBySubjectOptions): Promise<RecordedEvent[]>;
  /** Global position of the last event any reader may see now; 0 for an empty store. */
  headPosition(): Promise<number>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  verifyStream(streamId: string): Promise<VerificationResult>;
  verifyAll(): Promise<VerificationResult>;
  close(): Promise<void>;
  /** Durable checkpoint of a subscription (global position of its last handled event), null when none yet. */
  readCheckpoint?(subscriptionId: string): Promise<number | null>;
  /** How far a subscription is behind the head of the log: for readiness probes and dashboards. */
  subscriptionLag?(subscriptionId: string): Promise<SubscriptionLag>;
}

export interface SubscriptionLag {
  subscriptionId: string;
  /** Null when the subscription never checkpointed (or does not exist). */
  checkpoint: number | null;
  headPosition: number;
  /** Head position minus checkpoint (0 when caught up). Over `$all` positions, also for category sources. */
  positionsBehind: number;
  /** Age of the oldest event not yet handled, in seconds; 0 when caught up. */
  secondsBehind: number;
}

/**
 * Upcasting on read: turns an old stored shape into the current one. History is never rewritten; every read
 * path (streams, log, category, subscriptions) applies it. Verification always checks the stored form.
 */
export type Upcaster = (data: unknown, schemaVersion: number) => { data: unknown; schemaVersion: number };
export type Upcasters = Readonly<Record<string, Upcaster>>;

/** Applies the upcaster registered for the event's type, if any. */
export function upcastEvent<E extends RecordedEvent>(event: E, upcasters: Upcasters | undefined): E {
  const upcaster = upcasters?.[event.type];
  if (!upcaster) return event;
  const { data, schemaVersion } = upcaster(event.data, event.metadata.schemaVersion);
  return { ...event, data, metadata: { ...event.metadata, schemaVersion } };
}

/** The category of a stream id: `referral-123` → `referral`. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
