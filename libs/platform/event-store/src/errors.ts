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

/** An append was malformed (no UUID id, empty type, ...): rejected before anything is written. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT' as const;

  constructor(
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Invalid append to ${streamId}: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * A subscription's checkpoint moved under it: another instance with the same subscription id is running.
 * The subscription stops rather than deliver events twice.
 */
export class CheckpointConflictError extends Error {
  readonly code = 'CHECKPOINT_CONFLICT' as const;

  constructor(readonly subscriptionId: string) {
    super(`Checkpoint of subscription ${subscriptionId} was moved by another instance`);
    this.name = 'CheckpointConflictError';
  }
}

/** A revision or position from the server does not fit a JavaScript number exactly (beyond 2^53). */
export class PositionOutOfRangeError extends Error {
  readonly code = 'POSITION_OUT_OF_RANGE' as const;

  constructor(readonly value: string) {
    super(`Position ${value} is beyond 2^53 and cannot be represented exactly`);
    this.name = 'PositionOutOfRangeError';
  }
}

/** The adapter does not offer this capability (e.g. checkpoint inspection on a test double). */
export class NotSupportedError extends Error {
  readonly code = 'NOT_SUPPORTED' as const;

  constructor(readonly capability: string) {
    super(`Event store does not support ${capability}`);
    this.name = 'NotSupportedError';
  }
}
