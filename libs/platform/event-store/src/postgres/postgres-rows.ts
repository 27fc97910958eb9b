import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { PositionOutOfRangeError } from '../errors';

/** A row of `events` joined with its `log` entry, as `pg` returns it (bigint as string). */
export interface EventRow {
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  prev_hash: string;
  hash: string;
  global_position: string | null;
  recorded_at: Date | null;
}

/** Columns selected for an `EventRow` from `events e LEFT JOIN log l`. */
export const EVENT_COLUMNS =
  'e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.prev_hash, e.hash, l.global_position, l.recorded_at';

/** Runs for every revision and position read: a number beyond 2^53 converts to an unsafe (or fractional) one. */
export function toSafeNumber(value: string | number | bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new PositionOutOfRangeError(String(value));
  return number;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: toSafeNumber(row.revision),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    globalPosition: row.global_position === null ? 0 : toSafeNumber(row.global_position),
    recordedAt: (row.recorded_at ?? new Date(0)).toISOString(),
    hash: row.hash,
  };
}
