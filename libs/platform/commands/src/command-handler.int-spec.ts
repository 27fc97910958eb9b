import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '@stepwell/event-store';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { CommandHandler, StaleRevisionError } from './command-handler';
import { DomainError, assertNever, type Decider } from '@stepwell/decider';

// A small real decider: a group session's places, booked up to capacity (a classic concurrency hot spot).
type Command =
  | { type: 'BookPlace'; person: string; capacity: number }
  | { type: 'CancelPlace'; person: string }
  | { type: 'TakeRegister'; present: number };
type Event =
  | { type: 'PlaceBooked'; data: { person: string } }
  | { type: 'PlaceCancelled'; data: { person: string } }
  | { type: 'RegisterTaken'; data: { present: number } };
type State = { booked: readonly string[] };

const places: Decider<Command, Event, State> = {
  initialState: { booked: [] },
  decide(command, state) {
    switch (command.type) {
      case 'BookPlace':
        if (state.booked.includes(command.person)) return [];
        if (state.booked.length >= command.capacity) throw new DomainError('SESSION_FULL', 'No place left');
        return [{ type: 'PlaceBooked', data: { person: command.person } }];
      case 'CancelPlace':
        return state.booked.includes(command.person) ? [{ type: 'PlaceCancelled', data: { person: command.person } }] : [];
      case 'TakeRegister':
        // Not idempotent by itself: every register taken is a new fact.
        return [{ type: 'RegisterTaken', data: { present: command.present } }];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PlaceBooked':
        return { booked: [...state.booked, event.data.person] };
      case 'PlaceCancelled':
        return { booked: state.booked.filter((p) => p !== event.data.person) };
      case 'RegisterTaken':
        return state;
      default:
        return assertNever(event);
    }
  },
};

const context = () => ({
  metadata: {
    occurredAt: '2026-11-21T09:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    actor: { userId: 'u-1', organisationId: 'A81001', role: 'admin' },
  },
});

describe('CommandHandler on the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;
  let handler: CommandHandler<Command, Event, State>;

  beforeAll(async () => {
    db = await createTestDatabase('command_handler');
    store = await createPostgresEventStore({ connectionString: db.url });
    handler = new CommandHandler(store, places);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('appends the decided events with the metadata of the command', async () => {
    const stream = `group-${randomUUID()}`;
    const result = await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 2 }, context());
    expect(result.revision).toBe(0);
    expect(result.state).toEqual({ booked: ['p1'] });
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ type: 'PlaceBooked', data: { person: 'p1' }, revision: 0 });
    expect(stored?.metadata.actor).toEqual({ userId: 'u-1', organisationId: 'A81001', role: 'admin' });
    expect(stored?.metadata.schemaVersion).toBe(1);
  });

  it('returns the global position of the stream’s last event: the append’s, then the same one for a no-op', async () => {
    const stream = `group-${randomUUID()}`;
    const booked = await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 2 }, context());
    const [stored] = await store.readStream(stream);
    expect(booked.position).toBe(stored?.globalPosition);
    await handler.handle(`group-${randomUUID()}`, { type: 'BookPlace', person: 'p2', capacity: 2 }, context());
    const again = await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 2 }, context());
    expect(again.events).toEqual([]);
    expect(again.position).toBe(stored?.globalPosition);
  });

  it('appends nothing when the outcome is already in the state', async () => {
    const stream = `group-${randomUUID()}`;
    await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 2 }, context());
    const again = await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 2 }, context());
    expect(again.events).toEqual([]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('decides again on fresh state when concurrent commands conflict, so capacity is never exceeded', async () => {
    const stream = `group-${randomUUID()}`;
    const people = ['a', 'b', 'c', 'd', 'e', 'f'];
    const outcomes = await Promise.allSettled(
      people.map((person) =>
        new CommandHandler(store, places, { maxRetries: 10 }).handle(stream, { type: 'BookPlace', person, capacity: 3 }, context()),
      ),
    );
    const booked = (await store.readStream(stream)).map((e) => (e.data as { person: string }).person);
    expect(booked).toHaveLength(3);
    expect(new Set(booked).size).toBe(3);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(3);
    for (const reason of refused) expect(reason).toMatchObject({ code: 'SESSION_FULL' });
  });

  it('refuses a command decided on a stale revision (If-Match) and writes nothing', async () => {
    const stream = `group-${randomUUID()}`;
    await handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 5 }, context());
    await handler.handle(stream, { type: 'BookPlace', person: 'p2', capacity: 5 }, context());
    await expect(
      handler.handle(stream, { type: 'CancelPlace', person: 'p1' }, { ...context(), expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('gives a retried request with the same idempotency key the same event ids, and a new key new ones', async () => {
    const stream = `group-${randomUUID()}`;
    const first = await handler.handle(stream, { type: 'TakeRegister', present: 4 }, { ...context(), idempotencyKey: 'k-1' });
    const other = await handler.handle(stream, { type: 'TakeRegister', present: 4 }, { ...context(), idempotencyKey: 'k-2' });
    const retried = await handler.handle(stream, { type: 'TakeRegister', present: 4 }, { ...context(), idempotencyKey: 'k-1' });
    expect(retried.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(other.events[0]?.id).not.toBe(first.events[0]?.id);
    // The store absorbed the retry: the stream holds the first and the second register only.
    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([first.events[0]?.id, other.events[0]?.id]);
  });

  it('surfaces a domain refusal without writing', async () => {
    const stream = `group-${randomUUID()}`;
    await expect(
      handler.handle(stream, { type: 'BookPlace', person: 'p1', capacity: 0 }, context()),
    ).rejects.toMatchObject({ code: 'SESSION_FULL' });
    expect(await store.readStream(stream)).toEqual([]);
  });
});
