import type { ExpectedRevision } from './event-store.port';

/** A writer's expectation of a stream's revision did not hold: nothing was written. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION' as const;

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or 'no_stream' when it has none. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, but it is ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id was re-sent in a different stream or with a different content: a caller bug, never silent. */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT' as const;

  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`Event ${eventId} already exists with different content or in another stream than ${streamId}`);
    this.name = 'EventIdConflictError';
  }
}
