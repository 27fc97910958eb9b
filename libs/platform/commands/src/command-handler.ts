import { randomUUID } from 'node:crypto';
import type { AppendResult, EventMetadata, EventStore, NewEvent, RecordedEvent } from '@stepwell/event-store';
import { deterministicUuid, fold, type Decider, type DomainEvent } from '@stepwell/decider';

/** Who, why and when, for every event a command appends. */
export interface CommandContext {
  metadata: Omit<EventMetadata, 'schemaVersion'>;
  /**
   * The revision the caller saw (HTTP `If-Match`). When set, a stream at another revision fails with
   * `StaleRevisionError` instead of being retried: the caller decided on a state that is gone.
   */
  expectedRevision?: number | 'no_stream';
  /**
   * Makes event ids a function of (stream, key, index), so a retried request appends the very same events and
   * the store's idempotent re-append absorbs it.
   */
  idempotencyKey?: string;
}

export interface CommandResult<Event extends DomainEvent, State> {
  /** Events this command appended, as sent to the store (empty when the outcome was already in the state). */
  events: NewEvent<Event['type'], Event['data']>[];
  state: State;
  /** Revision of the stream's last event after the command; null when the stream still does not exist. */
  revision: number | null;
  /**
   * Global position of the stream's last event after the command (the append's, or the earlier one a replay or a
   * no-op found); null when the stream still does not exist. Read-your-writes: wait for the read models to reach it
   * (`ProjectionRunner.waitFor`) before answering from them.
   */
  position: number | null;
  /**
   * True when the idempotency key had already been used on this stream: nothing was decided or appended, and
   * `events` are the ones the first request appended.
   */
  replayed: boolean;
}

/** The caller's `If-Match` no longer holds: someone changed the stream since they read it. */
export class StaleRevisionError extends Error {
  readonly code = 'STALE_REVISION' as const;

  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream',
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, not ${String(expected)}`);
    this.name = 'StaleRevisionError';
  }
}

export interface CommandHandlerOptions<Event extends DomainEvent> {
  /** Attempts after a concurrency conflict before giving up (the conflict error is then rethrown). */
  maxRetries?: number;
  /** Data shape version stored with each event type (default 1). */
  schemaVersionOf?: (type: Event['type']) => number;
}

/** Event ids of a keyed request: the same stream, key and position always give the same id. */
const eventIdFor = (streamId: string, key: string, index: number): string =>
  deterministicUuid(`${streamId}\u0000${key}\u0000${index}`);

const isConcurrencyConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'WRONG_EXPECTED_REVISION';

/**
 * The thin application step of event sourcing: read the stream, fold it, decide, append with the expected
 * revision; on a concurrency conflict, read again and decide again (a bounded number of times).
 */
export class CommandHandler<Command, Event extends DomainEvent, State> {
  private readonly maxRetries: number;
  private readonly schemaVersionOf: (type: Event['type']) => number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
    options: CommandHandlerOptions<Event> = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.schemaVersionOf = options.schemaVersionOf ?? (() => 1);
  }

  /** Current state and revision of a stream, without deciding anything. */
  async load(streamId: string): Promise<{ state: State; revision: number | null; position: number | null; recorded: RecordedEvent[] }> {
    const recorded = await this.store.readStream(streamId);
    const last = recorded[recorded.length - 1];
    return {
      state: fold(this.decider, recorded as unknown as Event[]),
      revision: last ? last.revision : null,
      position: last ? last.globalPosition : null,
      recorded,
    };
  }

  async handle(streamId: string, command: Command, context: CommandContext): Promise<CommandResult<Event, State>> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision, position, recorded } = await this.load(streamId);
      if (context.idempotencyKey !== undefined) {
        const earlier = this.eventsOfKey(streamId, context.idempotencyKey, recorded);
        if (earlier.length) return { events: earlier, state, revision, position, replayed: true };
      }
      const actual = revision ?? 'no_stream';
      if (context.expectedRevision !== undefined && context.expectedRevision !== actual) {
        throw new StaleRevisionError(streamId, context.expectedRevision, actual);
      }
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { events: [], state, revision, position, replayed: false };

      const newEvents: NewEvent[] = decided.map((event, index) => ({
        id: context.idempotencyKey ? eventIdFor(streamId, context.idempotencyKey, index) : randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { ...context.metadata, schemaVersion: this.schemaVersionOf(event.type) },
      }));
      let result: AppendResult;
      try {
        result = await this.store.appendToStream(streamId, newEvents, {
          expectedRevision: revision === null ? 'no_stream' : revision,
        });
      } catch (error) {
        if (!isConcurrencyConflict(error)) throw error;
        if (context.expectedRevision !== undefined) {
          // Someone wrote between our read and our append: the caller's view is stale too.
          const now = await this.load(streamId);
          throw new StaleRevisionError(streamId, context.expectedRevision, now.revision ?? 'no_stream');
        }
        if (attempt >= this.maxRetries) throw error;
        continue;
      }
      return {
        events: newEvents as NewEvent<Event['type'], Event['data']>[],
        state: fold(this.decider, decided, state),
        revision: result.nextExpectedRevision,
        position: result.lastGlobalPosition,
        replayed: false,
      };
    }
  }

  /** The events an earlier request with this idempotency key appended to the stream (empty if none). */
  private eventsOfKey(streamId: string, key: string, recorded: readonly RecordedEvent[]): NewEvent<Event['type'], Event['data']>[] {
    const byId = new Map(recorded.map((event) => [event.id, event]));
    const earlier: NewEvent<Event['type'], Event['data']>[] = [];
    for (let index = 0; ; index++) {
      const event = byId.get(eventIdFor(streamId, key, index));
      if (!event) return earlier;
      earlier.push(event as unknown as NewEvent<Event['type'], Event['data']>);
    }
  }
}
