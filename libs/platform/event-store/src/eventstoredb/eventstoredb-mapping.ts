import {
  BACKWARDS,
  FORWARDS,
  NO_STREAM,
  STREAM_EXISTS,
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
} from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { PositionOutOfRangeError } from '../errors';

/** Kept in each event's metadata: the chain link, so verification needs nothing beside the stream. */
export const CHAIN_KEY = '$stepwellChain';

export interface ChainLink {
  hash: string;
  previousHash: string;
}

/** Streams the adapter writes for itself, never shown on `$all` or category reads. */
export const CHECKPOINT_STREAM_PREFIX = 'stepwell_checkpoint-';
export const EVENT_ID_CLAIM_PREFIX = 'stepwell_event_id-';

export function isInternalStream(streamId: string): boolean {
  return streamId.startsWith('$') || streamId.startsWith(CHECKPOINT_STREAM_PREFIX) || streamId.startsWith(EVENT_ID_CLAIM_PREFIX);
}

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

export function fromEsdbCurrent(current: CurrentRevision | undefined): number | 'no_stream' {
  return current === undefined || current === NO_STREAM ? 'no_stream' : safe(current);
}

export function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new PositionOutOfRangeError(value.toString());
  return Number(value);
}

/**
 * Our global position is the event's prepare position: unique per event and rising along `$all` (an append's
 * events are written contiguously, and `$all` is ordered by commit then prepare). The commit position is shared
 * by all events of one append (it is where the append's first event starts), so it cannot name one event.
 */
export function positionOf(position: Position | undefined): number {
  if (!position) throw new Error('EventStoreDB returned an event without a position (server older than 22.6?)');
  return safe(position.prepare);
}

/**
 * Stream reads carry a real position only on newer servers (older ones send none, or 2^64 - 1). Such events
 * are reported at global position 0 rather than failing the read: their revision is what stream readers use.
 */
export function streamReadPositionOf(position: Position | undefined): number {
  if (!position || position.prepare > BigInt(Number.MAX_SAFE_INTEGER)) return 0;
  return Number(position.prepare);
}

/**
 * Where a read "after position P" may start: the start of P's append, (commit, commit), which is a record
 * boundary at or before every later event. Remembered per prepare position for the positions this adapter has
 * handed out (bounded), and persisted beside each checkpoint.
 */
export class CommitPositions {
  private readonly commits = new Map<number, bigint>();

  constructor(private readonly limit = 10_000) {}

  remember(position: Position): void {
    const prepare = Number(position.prepare);
    this.commits.delete(prepare);
    this.commits.set(prepare, position.commit);
    const oldest = this.commits.keys().next();
    if (this.commits.size > this.limit && !oldest.done) this.commits.delete(oldest.value);
  }

  commitOf(prepare: number): bigint | undefined {
    return this.commits.get(prepare);
  }

  /** The read start for "after `prepare`": its append's start, or the log's start when it is unknown here. */
  startAfter(prepare: number): Position | 'start' {
    const commit = prepare === 0 ? undefined : this.commits.get(prepare);
    return commit === undefined ? 'start' : { commit, prepare: commit };
  }
}

export const DIRECTIONS = { forwards: FORWARDS, backwards: BACKWARDS } as const;

export interface StoredEsdbEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** Splits what we stored in metadata into the port's metadata and the chain link. */
export function splitMetadata(raw: unknown): { metadata: EventMetadata; link: ChainLink | null } {
  const record = { ...((raw ?? {}) as Record<string, unknown>) };
  const link = (record[CHAIN_KEY] as ChainLink | undefined) ?? null;
  for (const key of Object.keys(record)) if (key.startsWith('$')) delete record[key];
  return { metadata: record as unknown as EventMetadata, link };
}

export function toRecorded(event: StoredEsdbEvent, position: number): RecordedEvent {
  const { metadata, link } = splitMetadata(event.metadata);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: safe(event.revision),
    type: event.type,
    data: event.data,
    metadata,
    globalPosition: position,
    recordedAt: event.created.toISOString(),
    hash: link?.hash ?? '',
  };
}
