import type { ExpectedRevision, NewEvent, StreamAppend } from './event-store.port';
import { InvalidEventError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an append before any adapter touches storage: a malformed append writes nothing. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (!streamId) throw new InvalidEventError(streamId, 'stream id is empty');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < -1)) {
    throw new InvalidEventError(streamId, `expected revision ${expected} is not a revision`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new InvalidEventError(streamId, `event id ${event.id} is not a UUID`);
    if (seen.has(event.id)) throw new InvalidEventError(streamId, `event id ${event.id} appears twice in one append`);
    seen.add(event.id);
    if (!event.type) throw new InvalidEventError(streamId, `event ${event.id} has no type`);
    if (event.data === undefined) throw new InvalidEventError(streamId, `event ${event.id} has no data`);
    if (!event.metadata || !Number.isInteger(event.metadata.schemaVersion)) {
      throw new InvalidEventError(streamId, `event ${event.id} has no integer metadata.schemaVersion`);
    }
  }
}

export function expectationHolds(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}

/** Checks a multi-stream append: at least one stream, each at most once, each part valid, no event id twice. */
export function validateMultiStreamAppend(appends: readonly StreamAppend[]): void {
  if (appends.length === 0) throw new InvalidEventError('', 'a multi-stream append names no stream');
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const { streamId, events, expectedRevision } of appends) {
    validateAppend(streamId, events, expectedRevision);
    if (events.length === 0) throw new InvalidEventError(streamId, 'a stream of a multi-stream append has no events');
    if (streams.has(streamId)) throw new InvalidEventError(streamId, 'the stream appears twice in one multi-stream append');
    streams.add(streamId);
    for (const event of events) {
      if (ids.has(event.id)) throw new InvalidEventError(streamId, `event id ${event.id} appears twice in one append`);
      ids.add(event.id);
    }
  }
}
