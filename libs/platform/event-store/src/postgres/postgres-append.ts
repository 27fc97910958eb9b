import type { ClientBase } from 'pg';
import type { AppendResult, ExpectedRevision, NewEvent, StreamAppend } from '../event-store.port';
import { categoryOf } from '../event-store.port';
import { EventIdConflictError } from '../errors';
import { canonicalJson } from '../hash/canonical-json';
import { chainBodyParts } from '../hash/hash-chain';
import { toSafeNumber } from './postgres-rows';

/** Raised inside an append when an event id is already stored: the caller rolls back, then resolves it. */
export class DuplicateEventIdSignal extends Error {
  constructor() {
    super('event id already stored');
  }
}

/** The append function found the stream elsewhere than expected (it wrote nothing). */
export class WrongRevisionSignal extends Error {
  /** `streamIndex`: which stream of a multi-stream append, when the database said. */
  constructor(
    readonly actual: number,
    readonly streamIndex: number | null = null,
  ) {
    super('wrong expected revision');
  }
}

export interface AppendCall {
  nextExpectedRevision: number;
  /** `events.seq` of the last inserted event. */
  lastSeq: number;
  /** Null when sequencing waits for the caller's own commit. */
  lastPosition: number | null;
}

/**
 * One call of the `append_events` function (migrations/002-append-function.sql): one round trip. It locks the
 * stream's head row first, so writers to one stream queue up and the check and the insert see the same head.
 * Throws `WrongRevisionSignal` or `DuplicateEventIdSignal`; the caller resolves them (a re-sent append is not
 * a conflict) after the statement (or its savepoint) rolled back.
 */
export async function callAppend(
  executor: Pick<ClientBase, 'query'>,
  schema: string,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  sequenceNow: boolean,
): Promise<AppendCall> {
  const parts = events.map((event) => chainBodyParts({ ...event, streamId }));
  try {
    const { rows } = await executor.query<{ next_revision: string; last_seq: string; last_position: string | null }>({
      // prepared once per connection: an append is parsed and planned only the first time
      name: `stepwell_event_store_append_${schema}`,
      text: `SELECT next_revision, last_seq, last_position FROM "${schema}".append_events(
         $1, $2, $3, $4::uuid[], $5::text[], $6::text[]::jsonb[], $7::text[]::jsonb[], $8::text[], $9::text[], $10)`,
      values: [
        streamId,
        categoryOf(streamId),
        String(expected),
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => canonicalJson(event.data)),
        events.map((event) => canonicalJson(event.metadata)),
        parts.map((part) => part.prefix),
        parts.map((part) => part.suffix),
        sequenceNow,
      ],
    });
    const [row] = rows;
    if (!row) throw new Error('the append function returned no row');
    return {
      nextExpectedRevision: toSafeNumber(row.next_revision),
      lastSeq: toSafeNumber(row.last_seq),
      lastPosition: row.last_position === null ? null : toSafeNumber(row.last_position),
    };
  } catch (error) {
    const pgError = error as { code?: string; detail?: string };
    if (pgError.code === 'SW001') throw new WrongRevisionSignal(Number(pgError.detail));
    if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateEventIdSignal();
    throw error;
  }
}

/**
 * One call of `append_to_streams` (migrations/004-multi-stream-append.sql) in autocommit: every stream's part in
 * one statement and one commit, positions drawn at once. Same signals as `callAppend`.
 */
export async function callAppendToStreams(executor: Pick<ClientBase, 'query'>, schema: string, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
  const flat = appends.flatMap(({ streamId, events }) => events.map((event) => ({ event, part: chainBodyParts({ ...event, streamId }) })));
  try {
    const { rows } = await executor.query<{ stream_index: number; next_revision: string; last_position: string }>({
      name: `stepwell_event_store_append_streams_${schema}`,
      text: `SELECT stream_index, next_revision, last_position FROM "${schema}".append_to_streams(
         $1::text[], $2::text[], $3::text[], $4::integer[], $5::uuid[], $6::text[], $7::text[]::jsonb[], $8::text[]::jsonb[], $9::text[], $10::text[])`,
      values: [
        appends.map((append) => append.streamId),
        appends.map((append) => categoryOf(append.streamId)),
        appends.map((append) => String(append.expectedRevision)),
        appends.map((append) => append.events.length),
        flat.map(({ event }) => event.id),
        flat.map(({ event }) => event.type),
        flat.map(({ event }) => canonicalJson(event.data)),
        flat.map(({ event }) => canonicalJson(event.metadata)),
        flat.map(({ part }) => part.prefix),
        flat.map(({ part }) => part.suffix),
      ],
    });
    if (rows.length !== appends.length) throw new Error(`the multi-stream append function returned ${rows.length} rows for ${appends.length} streams`);
    return [...rows]
      .sort((a, b) => a.stream_index - b.stream_index)
      .map((row) => ({ nextExpectedRevision: toSafeNumber(row.next_revision), lastGlobalPosition: toSafeNumber(row.last_position) }));
  } catch (error) {
    const pgError = error as { code?: string; detail?: string; hint?: string };
    if (pgError.code === 'SW001') throw new WrongRevisionSignal(Number(pgError.detail), pgError.hint ? Number(pgError.hint) : null);
    if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateEventIdSignal();
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === constraint;
}

interface StoredCopy {
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: unknown;
  global_position: string | null;
}

async function storedCopies(client: Pick<ClientBase, 'query'>, schema: string, events: readonly NewEvent[]): Promise<StoredCopy[]> {
  const { rows } = await client.query<StoredCopy>(
    `SELECT e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, l.global_position
       FROM "${schema}".events e LEFT JOIN "${schema}".log l ON l.seq = e.seq
      WHERE e.event_id = ANY($1::uuid[])`,
    [events.map((event) => event.id)],
  );
  return rows;
}

/**
 * Decides what a re-sent append means. Every event stored in this stream, with the same content, at consecutive
 * revisions in the same order → the original result. None stored → null (not a duplicate). Anything else →
 * `EventIdConflictError`: a different event reusing an id, or a batch that only partly overlaps an earlier one.
 */
export async function resolveDuplicate(
  client: Pick<ClientBase, 'query'>,
  schema: string,
  streamId: string,
  events: readonly NewEvent[],
): Promise<AppendResult | null> {
  const rows = await storedCopies(client, schema, events);
  if (rows.length === 0) return null;
  const byId = new Map(rows.map((row) => [row.event_id.toLowerCase(), row]));
  let previousRevision: number | null = null;
  let last: StoredCopy | undefined;
  for (const event of events) {
    const row = byId.get(event.id.toLowerCase());
    const sameContent =
      row !== undefined &&
      row.stream_id === streamId &&
      row.type === event.type &&
      canonicalJson(row.data) === canonicalJson(event.data) &&
      canonicalJson(row.metadata) === canonicalJson(event.metadata);
    const revision = row ? toSafeNumber(row.revision) : -1;
    if (!sameContent || (previousRevision !== null && revision !== previousRevision + 1)) {
      throw new EventIdConflictError(event.id, streamId);
    }
    previousRevision = revision;
    last = row;
  }
  if (!last || last.global_position === null) {
    // stored by a transaction that has not committed yet (only visible to itself)
    throw new EventIdConflictError((events[events.length - 1] as NewEvent).id, streamId);
  }
  return { nextExpectedRevision: previousRevision as number, lastGlobalPosition: toSafeNumber(last.global_position) };
}
