/**
 * One behavioural suite for every adapter of the event-store port. An adapter's int-spec calls
 * `describeEventStoreConformance` with a factory for a fresh, empty store; capabilities that only some
 * adapters have (a transaction held open, writing behind the store's back) come with the fixture.
 */
import { randomUUID } from 'node:crypto';
import type { AppendOptions, EventStore, NewEvent, RecordedEvent, Upcasters } from '../event-store.port';
import { EventIdConflictError, InvalidEventError, WrongExpectedRevisionError } from '../errors';

/** Writes behind the store's back, as an attacker with database access would. */
export interface Tamper {
  alterData(streamId: string, revision: number, data: unknown): Promise<void>;
  deleteEvent(streamId: string, revision: number): Promise<void>;
  swapRevisions(streamId: string, first: number, second: number): Promise<void>;
}

/** An append made inside a transaction that stays open until `commit`. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ConformanceFixture {
  store: EventStore;
  /** A second store instance over the same storage, as after a restart (optionally with upcasters). */
  reopen(options?: { upcasters?: Upcasters }): Promise<EventStore>;
  tamper?: Tamper;
  holdOpenAppend?(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<HeldAppend>;
  cleanup(): Promise<void>;
}

export interface ConformanceCapabilities {
  /** The adapter can hold an append's transaction open (PostgreSQL). */
  lateCommit: boolean;
  /** The fixture can alter storage directly. */
  tamper: boolean;
  /**
   * `appendToStreams` is one transaction (PostgreSQL). Without it (EventStoreDB) the parts are appended in order
   * and the first failure leaves the earlier ones written: the suite checks that documented degradation instead.
   */
  atomicMultiStream?: boolean;
}

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }, schemaVersion = 1): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      occurredAt: '2026-11-21T09:00:00.000Z',
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'user-1', organisationId: 'A81001', role: 'clinician' },
      patientSubjectId: 'subject-1',
      schemaVersion,
    },
  };
}

function uniqueCategory(): string {
  return `c${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

function streamIn(category: string): string {
  return `${category}-${randomUUID()}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

function skippedBecause(name: string, reason: string): void {
  console.warn(`[event-store conformance] skipping "${name}": ${reason}`);
  it.skip(name, () => undefined);
}

export function describeEventStoreConformance(
  name: string,
  factory: () => Promise<ConformanceFixture>,
  capabilities: ConformanceCapabilities = { lateCommit: true, tamper: true, atomicMultiStream: true },
): void {
  const atomicMultiStream = capabilities.atomicMultiStream ?? true;
  describe(`${name} conforms to the event-store port`, () => {
    let fixture: ConformanceFixture;
    let store: EventStore;
    const opened: EventStore[] = [];

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterAll(async () => {
      for (const other of opened) await other.close();
      await fixture?.cleanup();
    });

    async function reopen(upcasters?: Upcasters): Promise<EventStore> {
      const other = await fixture.reopen(upcasters ? { upcasters } : {});
      opened.push(other);
      return other;
    }

    describe('appending', () => {
      it('stores a batch with gap-free revisions from 0 and returns the last revision and position', async () => {
        const streamId = streamIn(uniqueCategory());
        const batch = [newEvent('A', { a: 1 }), newEvent('B', { b: [1, 2] }), newEvent('C', { c: { d: 'x' } })];
        const result = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(stored.map((event) => event.id)).toEqual(batch.map((event) => event.id));
        expect(stored[2]!.data).toEqual({ c: { d: 'x' } });
        expect(stored[0]!.metadata).toEqual(batch[0]!.metadata);
        expect(stored.every((event) => /^[0-9a-f]{64}$/.test(event.hash))).toBe(true);
        expect(Number.isNaN(Date.parse(stored[0]!.recordedAt))).toBe(false);
        expect(result).toEqual({ nextExpectedRevision: 2, lastGlobalPosition: stored[2]!.globalPosition });
      });

      it('appends after an exact expected revision and after stream_exists', async () => {
        const streamId = streamIn(uniqueCategory());
        await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 0 });
        const third = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'stream_exists' });
        const fourth = await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'any' });
        expect([second.nextExpectedRevision, third.nextExpectedRevision, fourth.nextExpectedRevision]).toEqual([1, 2, 3]);
      });

      it.each([
        ['no_stream on an existing stream', 'no_stream' as const, true, 0],
        ['a stale exact revision', 1 as const, true, 0],
        ['stream_exists on a missing stream', 'stream_exists' as const, false, 'no_stream' as const],
        ['an exact revision on a missing stream', 0 as const, false, 'no_stream' as const],
      ])('rejects %s with WrongExpectedRevisionError and writes nothing', async (_label, expected, seed, actual) => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        if (seed) await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
        const before = await store.readStream(streamId);
        const headBefore = await store.headPosition();
        const error = await rejection(store.appendToStream(streamId, [newEvent(), newEvent()], { expectedRevision: expected }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId, expected, actual });
        expect(await store.readStream(streamId)).toEqual(before);
        expect(await store.readCategory(category, { after: headBefore })).toEqual([]);
      });

      it('lets exactly one of several concurrent writers with the same expectation win', async () => {
        const streamId = streamIn(uniqueCategory());
        await store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, writer) =>
            store.appendToStream(streamId, [newEvent('Raced', { writer }), newEvent('Raced', { writer })], { expectedRevision: 0 }),
          ),
        );
        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers.every((loser) => loser.reason instanceof WrongExpectedRevisionError)).toBe(true);
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(new Set(stored.slice(1).map((event) => (event.data as { writer: number }).writer)).size).toBe(1);
      });

      it('lets exactly one of several concurrent creators of a stream win', async () => {
        const streamId = streamIn(uniqueCategory());
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, () => store.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('idempotent re-append', () => {
      it('returns the original result for a re-sent batch and stores nothing twice', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const batch = [newEvent(), newEvent(), newEvent()];
        const first = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(streamId, [newEvent()], { expectedRevision: 2 });
        const again = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
        const againAny = await store.appendToStream(streamId, batch, { expectedRevision: 'any' });
        expect(again).toEqual(first);
        expect(againAny).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(4);
        expect(await store.readCategory(category)).toHaveLength(4);
      });

      it('returns the original result for a single re-sent event', async () => {
        const streamId = streamIn(uniqueCategory());
        const event = newEvent();
        const first = await store.appendToStream(streamId, [event], { expectedRevision: 'any' });
        expect(await store.appendToStream(streamId, [event], { expectedRevision: 'any' })).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('rejects an event id already stored in another stream with EventIdConflictError', async () => {
        const category = uniqueCategory();
        const event = newEvent();
        const first = streamIn(category);
        const second = streamIn(category);
        await store.appendToStream(first, [event], { expectedRevision: 'no_stream' });
        const error = await rejection(store.appendToStream(second, [event], { expectedRevision: 'any' }));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect(error).toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: event.id });
        expect(await store.readStream(second)).toEqual([]);
      });

      it('rejects an event id re-sent with different content with EventIdConflictError', async () => {
        const streamId = streamIn(uniqueCategory());
        const event = newEvent('A', { value: 1 });
        await store.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
        const altered = { ...event, data: { value: 2 } };
        const error = await rejection(store.appendToStream(streamId, [altered], { expectedRevision: 'any' }));
        expect(error).toBeInstanceOf(EventIdConflictError);
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.data)).toEqual([{ value: 1 }]);
      });
    });

    describe('multi-stream append', () => {
      it('appends each stream\'s part with its own expectation, positions rising in the order given', async () => {
        const category = uniqueCategory();
        const [first, second, third] = [streamIn(category), streamIn(category), streamIn(category)];
        await store.appendToStream(second, [newEvent()], { expectedRevision: 'no_stream' });
        const headBefore = await store.headPosition();
        const result = await store.appendToStreams([
          { streamId: first, events: [newEvent('A'), newEvent('B')], expectedRevision: 'no_stream' },
          { streamId: second, events: [newEvent('C')], expectedRevision: 0 },
          { streamId: third, events: [newEvent('D')], expectedRevision: 'any' },
        ]);
        const logged = await store.readCategory(category, { after: headBefore });
        expect(logged.map((event) => event.type)).toEqual(['A', 'B', 'C', 'D']);
        expect(logged.map((event) => [event.streamId, event.revision])).toEqual([
          [first, 0],
          [first, 1],
          [second, 1],
          [third, 0],
        ]);
        expect(result.streams).toEqual([
          { nextExpectedRevision: 1, lastGlobalPosition: logged[1]!.globalPosition },
          { nextExpectedRevision: 1, lastGlobalPosition: logged[2]!.globalPosition },
          { nextExpectedRevision: 0, lastGlobalPosition: logged[3]!.globalPosition },
        ]);
        expect(result.lastGlobalPosition).toBe(logged[3]!.globalPosition);
        expect((await store.verifyStream(second)).ok).toBe(true);
      });

      it('names the stream whose expectation failed; atomic adapters write nothing, others stop there', async () => {
        const category = uniqueCategory();
        const [first, taken, last] = [streamIn(category), streamIn(category), streamIn(category)];
        await store.appendToStream(taken, [newEvent()], { expectedRevision: 'no_stream' });
        const headBefore = await store.headPosition();
        const error = await rejection(
          store.appendToStreams([
            { streamId: first, events: [newEvent('A')], expectedRevision: 'no_stream' },
            { streamId: taken, events: [newEvent('B')], expectedRevision: 'no_stream' },
            { streamId: last, events: [newEvent('C')], expectedRevision: 'no_stream' },
          ]),
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: taken, expected: 'no_stream', actual: 0 });
        const written = (await store.readCategory(category, { after: headBefore })).map((event) => event.type);
        expect(written).toEqual(atomicMultiStream ? [] : ['A']);
        expect(await store.readStream(last)).toEqual([]);
      });

      it('returns the original result when the same multi-stream append is sent again', async () => {
        const category = uniqueCategory();
        const appends = [
          { streamId: streamIn(category), events: [newEvent(), newEvent()], expectedRevision: 'no_stream' as const },
          { streamId: streamIn(category), events: [newEvent()], expectedRevision: 'any' as const },
        ];
        const first = await store.appendToStreams(appends);
        expect(await store.appendToStreams(appends)).toEqual(first);
        expect(await store.readCategory(category)).toHaveLength(3);
      });

      it('refuses a stream named twice, or a part without events, before writing anything', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const twice = await rejection(
          store.appendToStreams([
            { streamId, events: [newEvent()], expectedRevision: 'any' },
            { streamId, events: [newEvent()], expectedRevision: 'any' },
          ]),
        );
        const empty = await rejection(store.appendToStreams([{ streamId, events: [], expectedRevision: 'any' }]));
        expect(twice).toBeInstanceOf(InvalidEventError);
        expect(empty).toBeInstanceOf(InvalidEventError);
        expect(await store.readCategory(category)).toEqual([]);
      });

      if (atomicMultiStream) {
        it('lets exactly one of concurrent creators win, in either stream order, and the losers write nothing', async () => {
          const category = uniqueCategory();
          const [created, shared] = [streamIn(category), streamIn(category)];
          const outcomes = await Promise.allSettled(
            Array.from({ length: 8 }, (_, writer) => {
              const parts = [
                { streamId: created, events: [newEvent('Created', { writer })], expectedRevision: 'no_stream' as const },
                { streamId: shared, events: [newEvent('Shared', { writer })], expectedRevision: 'any' as const },
              ];
              return store.appendToStreams(writer % 2 === 0 ? parts : [...parts].reverse());
            }),
          );
          const winners = outcomes.flatMap((outcome, writer) => (outcome.status === 'fulfilled' ? [writer] : []));
          expect(winners).toHaveLength(1);
          expect(outcomes.every((outcome) => outcome.status === 'fulfilled' || outcome.reason instanceof WrongExpectedRevisionError)).toBe(true);
          expect((await store.readStream(shared)).map((event) => event.data)).toEqual([{ writer: winners[0] }]);
          expect((await store.readStream(created)).map((event) => event.data)).toEqual([{ writer: winners[0] }]);
        });
      } else {
        skippedBecause('concurrent multi-stream creators: losers write nothing', 'the adapter has no multi-stream transaction');
      }
    });

    describe('reading', () => {
      it('keeps one global order: positions rise, per-stream order holds, $all equals the appends in order', async () => {
        const category = uniqueCategory();
        const streams = [streamIn(category), streamIn(category), streamIn(category)];
        const after = await store.headPosition();
        const appended: string[] = [];
        for (let round = 0; round < 3; round += 1) {
          for (const streamId of streams) {
            const batch = [newEvent(), newEvent()];
            await store.appendToStream(streamId, batch, { expectedRevision: 'any' });
            appended.push(...batch.map((event) => event.id));
          }
        }
        const log = (await store.readAll({ after })).filter((event) => event.streamId.startsWith(`${category}-`));
        expect(log.map((event) => event.id)).toEqual(appended);
        const positions = log.map((event) => event.globalPosition);
        expect(positions.every((position, index) => index === 0 || position > positions[index - 1]!)).toBe(true);
        expect(positions[0]!).toBeGreaterThan(after);
        for (const streamId of streams) {
          const revisions = log.filter((event) => event.streamId === streamId).map((event) => event.revision);
          expect(revisions).toEqual([0, 1, 2, 3, 4, 5]);
        }
        expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[positions.length - 1]!);
      });

      it('reads $all after a position with maxCount', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const after = await store.headPosition();
        await store.appendToStream(streamId, [newEvent(), newEvent(), newEvent(), newEvent()], { expectedRevision: 'any' });
        const all = (await store.readAll({ after })).filter((event) => event.streamId === streamId);
        const page = await store.readAll({ after: all[1]!.globalPosition, maxCount: 1 });
        expect(page).toHaveLength(1);
        expect(page[0]!.globalPosition).toBeGreaterThan(all[1]!.globalPosition);
        expect(page[0]!.globalPosition).toBeLessThanOrEqual(all[2]!.globalPosition);
      });

      it('reads a stream forwards and backwards from a revision with maxCount', async () => {
        const streamId = streamIn(uniqueCategory());
        await store.appendToStream(streamId, Array.from({ length: 6 }, (_, n) => newEvent('N', { n })), { expectedRevision: 'no_stream' });
        const revisions = (events: RecordedEvent[]) => events.map((event) => event.revision);
        expect(revisions(await store.readStream(streamId))).toEqual([0, 1, 2, 3, 4, 5]);
        expect(revisions(await store.readStream(streamId, { fromRevision: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(streamId, { direction: 'backwards' }))).toEqual([5, 4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(streamId, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
        expect(revisions(await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))).toEqual([5]);
        expect(await store.readStream(streamId, { fromRevision: 6 })).toEqual([]);
        expect(await store.readStream(streamIn(uniqueCategory()))).toEqual([]);
      });

      it('reads one category in global order, after a position, and nothing of other categories', async () => {
        const category = uniqueCategory();
        const other = uniqueCategory();
        const first = streamIn(category);
        const second = streamIn(category);
        await store.appendToStream(first, [newEvent()], { expectedRevision: 'any' });
        await store.appendToStream(streamIn(other), [newEvent()], { expectedRevision: 'any' });
        await store.appendToStream(second, [newEvent()], { expectedRevision: 'any' });
        await store.appendToStream(first, [newEvent()], { expectedRevision: 'any' });
        const events = await store.readCategory(category);
        expect(events.map((event) => event.streamId)).toEqual([first, second, first]);
        const positions = events.map((event) => event.globalPosition);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        const later = await store.readCategory(category, { after: positions[0]! });
        expect(later.map((event) => event.globalPosition)).toEqual(positions.slice(1));
        expect(await store.readCategory(category, { after: positions[0]!, maxCount: 1 })).toHaveLength(1);
      });
    });

    describe('reading by subject', () => {
      const about = (subject: string | undefined, type = 'ThingHappened'): NewEvent => {
        const event = newEvent(type);
        const { patientSubjectId: _, ...metadata } = event.metadata;
        return { ...event, metadata: subject === undefined ? metadata : { ...metadata, patientSubjectId: subject } };
      };

      it('reads the events naming any of the subjects, across streams and categories, in global order, up to a position', async () => {
        const first = `subject-${randomUUID()}`;
        const second = `subject-${randomUUID()}`;
        const stranger = `subject-${randomUUID()}`;
        const [referral, episode, access] = [streamIn(uniqueCategory()), streamIn(uniqueCategory()), streamIn(uniqueCategory())];
        await store.appendToStream(referral, [about(first, 'Received'), about(undefined, 'Unnamed'), about(second, 'Other')], { expectedRevision: 'no_stream' });
        await store.appendToStream(episode, [about(stranger, 'Stranger'), about(first, 'Opened')], { expectedRevision: 'no_stream' });
        const { lastGlobalPosition } = await store.appendToStreams([
          { streamId: access, events: [about(first, 'Read')], expectedRevision: 'no_stream' },
          { streamId: referral, events: [about(second, 'Later')], expectedRevision: 2 },
        ]);
        await store.appendToStream(episode, [about(first, 'Closed')], { expectedRevision: 1 });

        const mine = await store.readBySubject([first]);
        expect(mine.map((event) => [event.type, event.streamId])).toEqual([
          ['Received', referral],
          ['Opened', episode],
          ['Read', access],
          ['Closed', episode],
        ]);
        expect(mine.every((event) => event.metadata.patientSubjectId === first && /^[0-9a-f]{64}$/.test(event.hash))).toBe(true);
        // several subjects merge in global order (a person's records under an earlier id, for instance)
        const both = await store.readBySubject([second, first, first]);
        expect(both.map((event) => event.type)).toEqual(['Received', 'Other', 'Opened', 'Read', 'Later', 'Closed']);
        const positions = both.map((event) => event.globalPosition);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        // the same events, and the same recorded form, as the log itself holds
        const log = (await store.readAll({ after: positions[0]! - 1 })).filter((event) => [first, second].includes(event.metadata.patientSubjectId ?? ''));
        expect(both).toEqual(log);
        // up to a position, inclusive
        expect((await store.readBySubject([first, second], { upToPosition: lastGlobalPosition })).map((event) => event.type)).toEqual([
          'Received',
          'Other',
          'Opened',
          'Read',
          'Later',
        ]);
        expect(await store.readBySubject([first], { upToPosition: positions[0]! - 1 })).toEqual([]);
        expect(await store.readBySubject([`subject-${randomUUID()}`])).toEqual([]);
        expect(await store.readBySubject([])).toEqual([]);
      });

      it('sees an event about the subject as soon as its append returned', async () => {
        const subject = `subject-${randomUUID()}`;
        for (let round = 0; round < 3; round += 1) {
          const { lastGlobalPosition } = await store.appendToStream(streamIn(uniqueCategory()), [about(subject)], { expectedRevision: 'no_stream' });
          const read = await store.readBySubject([subject]);
          expect(read).toHaveLength(round + 1);
          expect(read[round]!.globalPosition).toBe(lastGlobalPosition);
        }
      });
    });

    describe('late commits', () => {
      const title = 'never lets a reader skip an event whose transaction commits after one with a higher position';
      if (!capabilities.lateCommit) {
        skippedBecause(title, `${name} cannot hold an append's transaction open`);
        return;
      }
      it(title, async () => {
        if (!fixture.holdOpenAppend) throw new Error('fixture declares lateCommit but has no holdOpenAppend');
        const category = uniqueCategory();
        const late = streamIn(category);
        const early = streamIn(category);
        const start = await store.headPosition();
        const received: RecordedEvent[] = [];
        const subscription = await store.subscribe({
          subscriptionId: `late-${category}`,
          source: { kind: 'all' },
          handle: async (event) => {
            if (event.streamId.startsWith(`${category}-`)) received.push(event);
          },
        });
        await subscription.waitForCheckpoint(start);
        const held = await fixture.holdOpenAppend(late, [newEvent('Late')], { expectedRevision: 'no_stream' });
        try {
          // the other writer is not blocked by the open transaction and commits first
          const committed = await store.appendToStream(early, [newEvent('Early')], { expectedRevision: 'no_stream' });
          await subscription.waitForCheckpoint(committed.lastGlobalPosition);
          const readBefore = (await store.readAll({ after: start })).filter((event) => event.streamId.startsWith(`${category}-`));
          expect(readBefore.map((event) => event.type)).toEqual(['Early']);
        } finally {
          await held.commit();
        }
        const lateEvents = await store.readStream(late);
        expect(lateEvents).toHaveLength(1);
        await subscription.waitForCheckpoint(lateEvents[0]!.globalPosition);
        await subscription.stop();
        expect(received.map((event) => event.type).sort()).toEqual(['Early', 'Late']);
        // the reader's view and the log agree, and each position was delivered after the one before it
        const log = (await store.readAll({ after: start })).filter((event) => event.streamId.startsWith(`${category}-`));
        expect(received.map((event) => event.id)).toEqual(log.map((event) => event.id));
        const positions = received.map((event) => event.globalPosition);
        expect(positions[1]!).toBeGreaterThan(positions[0]!);
      });
    });

    describe('subscriptions', () => {
      it('catches up, goes live, and after a restart resumes after its durable checkpoint', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const subscriptionId = `resume-${category}`;
        await store.appendToStream(streamId, [newEvent('One'), newEvent('Two')], { expectedRevision: 'no_stream' });
        const firstRun: string[] = [];
        const first = await store.subscribe({
          subscriptionId,
          source: { kind: 'category', category },
          handle: async (event) => {
            firstRun.push(event.type);
          },
        });
        const live = await store.appendToStream(streamId, [newEvent('Three')], { expectedRevision: 1 });
        await first.waitForCheckpoint(live.lastGlobalPosition);
        expect(first.status()).toMatchObject({ subscriptionId, checkpoint: live.lastGlobalPosition });
        await first.stop();
        expect(first.status().state).toBe('stopped');
        expect(firstRun).toEqual(['One', 'Two', 'Three']);

        const afterStop = await store.appendToStream(streamId, [newEvent('Four')], { expectedRevision: 2 });
        const restarted = await reopen();
        if (restarted.readCheckpoint) expect(await restarted.readCheckpoint(subscriptionId)).toBe(live.lastGlobalPosition);
        const secondRun: string[] = [];
        const second = await restarted.subscribe({
          subscriptionId,
          source: { kind: 'category', category },
          handle: async (event) => {
            secondRun.push(event.type);
          },
        });
        await second.waitForCheckpoint(afterStop.lastGlobalPosition);
        await second.stop();
        expect(secondRun).toEqual(['Four']);
      });

      it('stops on a handler rejection without moving past the event, and delivers it again on the next start', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const subscriptionId = `failing-${category}`;
        const appended = await store.appendToStream(streamId, [newEvent('Fine'), newEvent('Poison'), newEvent('After')], {
          expectedRevision: 'no_stream',
        });
        const errors: unknown[] = [];
        const seen: string[] = [];
        const failing = await store.subscribe({
          subscriptionId,
          source: { kind: 'category', category },
          handle: async (event) => {
            seen.push(event.type);
            if (event.type === 'Poison') throw new Error('handler failed');
          },
          onError: (error) => errors.push(error),
        });
        await expect(failing.waitForCheckpoint(appended.lastGlobalPosition, 5_000)).rejects.toThrow('handler failed');
        expect(failing.status().state).toBe('failed');
        expect(errors).toHaveLength(1);
        expect(seen).toEqual(['Fine', 'Poison']);
        const stream = await store.readStream(streamId);
        expect(failing.status().checkpoint).toBe(stream[0]!.globalPosition);

        const retried: string[] = [];
        const again = await store.subscribe({
          subscriptionId,
          source: { kind: 'category', category },
          handle: async (event) => {
            retried.push(event.type);
          },
        });
        await again.waitForCheckpoint(appended.lastGlobalPosition);
        await again.stop();
        expect(retried).toEqual(['Poison', 'After']);
      });

      const subscribeInPages = (
        subscriptionId: string,
        category: string,
        batchSize: number,
        handleBatch: (events: readonly RecordedEvent[]) => Promise<void>,
        onError?: (error: unknown) => void,
      ) => store.subscribe({ subscriptionId, source: { kind: 'category', category }, batchSize, handleBatch, ...(onError ? { onError } : {}) });

      it('in batch mode hands over pages in global order and moves the checkpoint only at page ends', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const subscriptionId = `batch-${category}`;
        await store.appendToStream(streamId, ['A', 'B', 'C', 'D', 'E'].map((type) => newEvent(type)), { expectedRevision: 'no_stream' });
        const positions = (await store.readStream(streamId)).map((event) => event.globalPosition);
        const pages: string[][] = [];
        const checkpointsWhileHandling: (number | null)[] = [];
        const subscription = await subscribeInPages(subscriptionId, category, 2, async (events) => {
          pages.push(events.map((event) => event.type));
          // the durable checkpoint, as a restarted process would find it
          if (store.readCheckpoint) checkpointsWhileHandling.push(await store.readCheckpoint(subscriptionId));
        });
        await subscription.waitForCheckpoint(positions[4]!);
        await subscription.stop();
        expect(pages).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
        // while a page is handled the checkpoint stays at the end of the page before it (nothing of it saved yet)
        if (store.readCheckpoint) {
          expect(checkpointsWhileHandling).toEqual([null, positions[1], positions[3]]);
          expect(await store.readCheckpoint(subscriptionId)).toBe(positions[4]);
        }
        expect(subscription.status().checkpoint).toBe(positions[4]);
      });

      it('in batch mode a page failing midway does not move the checkpoint, and the whole page is delivered again', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const subscriptionId = `batch-failing-${category}`;
        await store.appendToStream(streamId, ['A', 'B', 'C', 'D', 'E'].map((type) => newEvent(type)), { expectedRevision: 'no_stream' });
        const positions = (await store.readStream(streamId)).map((event) => event.globalPosition);
        const errors: unknown[] = [];
        const handled: string[] = [];
        const failing = await subscribeInPages(
          subscriptionId,
          category,
          3,
          async (events) => {
            for (const event of events) {
              if (event.type === 'E') throw new Error('batch failed midway');
              handled.push(event.type);
            }
          },
          (error) => errors.push(error),
        );
        await expect(failing.waitForCheckpoint(positions[4]!, 5_000)).rejects.toThrow('batch failed midway');
        expect(failing.status().state).toBe('failed');
        expect(errors).toHaveLength(1);
        // D was handled before E failed, yet the checkpoint stays at the end of the first page
        expect(handled).toEqual(['A', 'B', 'C', 'D']);
        expect(failing.status().checkpoint).toBe(positions[2]);
        if (store.readCheckpoint) expect(await store.readCheckpoint(subscriptionId)).toBe(positions[2]);

        const redelivered: string[][] = [];
        const again = await subscribeInPages(subscriptionId, category, 3, async (events) => {
          redelivered.push(events.map((event) => event.type));
        });
        await again.waitForCheckpoint(positions[4]!);
        await again.stop();
        expect(redelivered).toEqual([['D', 'E']]);
      });

      describe('with `selects`: pages with nothing wanted save no checkpoint', () => {
        const wantedOnly = (event: RecordedEvent) => event.type === 'Wanted';
        /** The durable checkpoint once `check` holds for it (a wait on the checkpoint, not a sleep). */
        const savedCheckpoint = async (subscriptionId: string, check: (position: number | null) => boolean, timeoutMs = 10_000) => {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const saved = await store.readCheckpoint!(subscriptionId);
            if (check(saved) || Date.now() > deadline) return saved;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };

        it('passes a page of unwanted events in memory only, and a wanted event after idle pages saves past them', async () => {
          const category = uniqueCategory();
          const streamId = streamIn(category);
          const subscriptionId = `idle-${category}`;
          const noise = await store.appendToStream(streamId, [1, 2, 3, 4, 5].map(() => newEvent('Noise')), { expectedRevision: 'no_stream' });
          const pages: string[][] = [];
          const subscription = await store.subscribe({
            subscriptionId,
            source: { kind: 'category', category },
            batchSize: 2,
            selects: wantedOnly,
            idleCheckpoint: { pages: 1_000, ms: 600_000 },
            handleBatch: async (events) => {
              pages.push(events.map((event) => event.type));
            },
          });
          await subscription.waitForCheckpoint(noise.lastGlobalPosition);
          // three pages read, none handed over, nothing saved: a restart now would read them again
          expect(pages).toEqual([]);
          expect(subscription.status()).toMatchObject({ checkpoint: null, position: noise.lastGlobalPosition });
          if (store.readCheckpoint) expect(await store.readCheckpoint(subscriptionId)).toBeNull();

          const wanted = await store.appendToStream(streamId, [newEvent('Noise'), newEvent('Wanted'), newEvent('Noise')], { expectedRevision: 4 });
          await subscription.waitForCheckpoint(wanted.lastGlobalPosition);
          await subscription.stop();
          expect(pages).toEqual([['Wanted']]);
          // the page that had work saved its last position, past the idle pages before it
          const saved = store.readCheckpoint ? await store.readCheckpoint(subscriptionId) : subscription.status().checkpoint;
          expect(saved).toBe(wanted.lastGlobalPosition);
        });

        it('saves an idle position after `idleCheckpoint.pages` pages, after `idleCheckpoint.ms`, and at an orderly stop', async () => {
          const byPages = uniqueCategory();
          const pagesStream = streamIn(byPages);
          await store.appendToStream(pagesStream, [1, 2, 3, 4, 5].map(() => newEvent('Noise')), { expectedRevision: 'no_stream' });
          const positions = (await store.readStream(pagesStream)).map((event) => event.globalPosition);
          const counted = await store.subscribe({
            subscriptionId: `idle-pages-${byPages}`,
            source: { kind: 'category', category: byPages },
            batchSize: 1,
            selects: wantedOnly,
            idleCheckpoint: { pages: 2, ms: 600_000 },
            handleBatch: async () => undefined,
          });
          await counted.waitForCheckpoint(positions[4]!);
          // saved after the 2nd and the 4th idle page; the 5th is in memory
          expect(counted.status()).toMatchObject({ checkpoint: positions[3], position: positions[4] });
          await counted.stop();
          // the orderly stop saved the rest
          expect(counted.status().checkpoint).toBe(positions[4]);
          if (store.readCheckpoint) expect(await store.readCheckpoint(`idle-pages-${byPages}`)).toBe(positions[4]);

          if (!store.readCheckpoint) return;
          const byTime = uniqueCategory();
          const subscriptionId = `idle-ms-${byTime}`;
          const appended = await store.appendToStream(streamIn(byTime), [newEvent('Noise')], { expectedRevision: 'no_stream' });
          const timed = await store.subscribe({
            subscriptionId,
            source: { kind: 'category', category: byTime },
            selects: wantedOnly,
            idleCheckpoint: { pages: 1_000, ms: 200 },
            handle: async () => undefined,
          });
          await timed.waitForCheckpoint(appended.lastGlobalPosition);
          // caught up and asleep, it wakes to save the idle position once the interval has passed
          expect(await savedCheckpoint(subscriptionId, (saved) => saved === appended.lastGlobalPosition)).toBe(appended.lastGlobalPosition);
          await timed.stop();
        });

        it('after a failure with unsaved idle pages, the next start resumes from the saved checkpoint and misses nothing', async () => {
          const category = uniqueCategory();
          const streamId = streamIn(category);
          const subscriptionId = `idle-crash-${category}`;
          await store.appendToStream(streamId, [newEvent('Wanted'), newEvent('Noise'), newEvent('Noise'), newEvent('Noise')], { expectedRevision: 'no_stream' });
          const positions = (await store.readStream(streamId)).map((event) => event.globalPosition);
          const errors: unknown[] = [];
          const handled: string[] = [];
          const first = await store.subscribe({
            subscriptionId,
            source: { kind: 'category', category },
            batchSize: 1,
            selects: (event) => event.type !== 'Noise',
            idleCheckpoint: { pages: 1_000, ms: 600_000 },
            handle: async (event) => {
              if (event.type === 'Poison') throw new Error('handler failed');
              handled.push(event.type);
            },
            onError: (error) => errors.push(error),
          });
          await first.waitForCheckpoint(positions[3]!);
          expect(first.status()).toMatchObject({ checkpoint: positions[0], position: positions[3] });
          // a failure is not an orderly stop: the idle pages stay unsaved, as after a crash
          const poisoned = await store.appendToStream(streamId, [newEvent('Poison'), newEvent('Later')], { expectedRevision: 3 });
          await expect(first.waitForCheckpoint(poisoned.lastGlobalPosition, 5_000)).rejects.toThrow('handler failed');
          expect(errors).toHaveLength(1);
          expect(handled).toEqual(['Wanted']);
          if (store.readCheckpoint) expect(await store.readCheckpoint(subscriptionId)).toBe(positions[0]);

          // the next start reads from the saved checkpoint: the unsaved stretch again (every event, for this handler), then the rest
          const replayed: string[] = [];
          const again = await store.subscribe({
            subscriptionId,
            source: { kind: 'category', category },
            handle: async (event) => {
              replayed.push(event.type);
            },
          });
          await again.waitForCheckpoint(poisoned.lastGlobalPosition);
          await again.stop();
          expect(replayed).toEqual(['Noise', 'Noise', 'Noise', 'Poison', 'Later']);
        });
      });

      it('delivers only its category and reports its checkpoint and lag', async () => {
        const category = uniqueCategory();
        const subscriptionId = `lag-${category}`;
        const mine = await store.appendToStream(streamIn(category), [newEvent()], { expectedRevision: 'any' });
        await store.appendToStream(streamIn(uniqueCategory()), [newEvent()], { expectedRevision: 'any' });
        const streams: string[] = [];
        const subscription = await store.subscribe({
          subscriptionId,
          source: { kind: 'category', category },
          handle: async (event) => {
            streams.push(event.streamId);
          },
        });
        await subscription.waitForCheckpoint(await store.headPosition());
        await subscription.stop();
        expect(streams).toHaveLength(1);
        expect(streams.every((streamId) => streamId.startsWith(`${category}-`))).toBe(true);
        if (store.readCheckpoint && store.subscriptionLag) {
          expect(await store.readCheckpoint(subscriptionId)).toBe(mine.lastGlobalPosition);
          const lag = await store.subscriptionLag(subscriptionId);
          expect(lag).toMatchObject({ subscriptionId, checkpoint: mine.lastGlobalPosition });
          expect(lag.positionsBehind).toBe(lag.headPosition - mine.lastGlobalPosition);
          expect(lag.secondsBehind).toBe(0);
          expect(await store.readCheckpoint(`never-${category}`)).toBeNull();
        }
      });
    });

    describe('hash chain', () => {
      it('verifies an untouched stream and the whole store', async () => {
        const streamId = streamIn(uniqueCategory());
        await store.appendToStream(streamId, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        await store.appendToStream(streamId, [newEvent()], { expectedRevision: 1 });
        expect(await store.verifyStream(streamId)).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 3 });
        const all = await store.verifyAll();
        expect(all.ok).toBe(true);
        expect(all.eventsChecked).toBeGreaterThanOrEqual(3);
      });

      const tamperCases: Array<[string, (tamper: Tamper, streamId: string) => Promise<void>, string, number]> = [
        ['data altered by a direct UPDATE', (tamper, streamId) => tamper.alterData(streamId, 1, { n: 999 }), 'altered', 1],
        ['an event removed by a direct DELETE', (tamper, streamId) => tamper.deleteEvent(streamId, 1), 'removed', 1],
        ['the last event removed by a direct DELETE', (tamper, streamId) => tamper.deleteEvent(streamId, 3), 'removed', 3],
        ['two events reordered by swapping revisions', (tamper, streamId) => tamper.swapRevisions(streamId, 1, 2), 'reordered', 1],
      ];
      for (const [label, act, reason, revision] of tamperCases) {
        const title = `reports ${label} as ${reason} at revision ${revision}`;
        if (!capabilities.tamper) {
          skippedBecause(title, `${name} offers no way to write behind the store's back`);
          continue;
        }
        it(title, async () => {
          // a store of its own: verifyAll must see exactly this damage
          const own = await factory();
          try {
            if (!own.tamper) throw new Error('fixture declares tamper but has none');
            const streamId = streamIn(uniqueCategory());
            const intact = streamIn(uniqueCategory());
            await own.store.appendToStream(intact, [newEvent()], { expectedRevision: 'no_stream' });
            await own.store.appendToStream(streamId, [0, 1, 2, 3].map((n) => newEvent('N', { n })), { expectedRevision: 'no_stream' });
            const events = await own.store.readStream(streamId);
            expect((await own.store.verifyAll()).ok).toBe(true);
            await act(own.tamper, streamId);
            const result = await own.store.verifyStream(streamId);
            expect(result).toMatchObject({ ok: false, failure: { streamId, revision, reason } });
            if (!result.ok && reason === 'altered') expect(result.failure.eventId).toBe(events[1]!.id);
            const all = await own.store.verifyAll();
            expect(all).toMatchObject({ ok: false, failure: { streamId, revision, reason } });
            expect(await own.store.verifyStream(intact)).toMatchObject({ ok: true });
          } finally {
            await own.cleanup();
          }
        });
      }
    });

    describe('upcasting', () => {
      it('upcasts old stored shapes on every read path and never rewrites history', async () => {
        const category = uniqueCategory();
        const streamId = streamIn(category);
        const after = await store.headPosition();
        await store.appendToStream(
          streamId,
          [newEvent('Scored', { score: 7 }, 1), newEvent('Scored', { value: 9, scale: 'PHQ-9' }, 2), newEvent('Other', { x: 1 }, 1)],
          { expectedRevision: 'no_stream' },
        );
        const upcasters: Upcasters = {
          Scored: (data, schemaVersion) =>
            schemaVersion === 1 ? { data: { value: (data as { score: number }).score, scale: 'PHQ-9' }, schemaVersion: 2 } : { data, schemaVersion },
        };
        const upcasting = await reopen(upcasters);
        const expected = [
          { data: { value: 7, scale: 'PHQ-9' }, schemaVersion: 2 },
          { data: { value: 9, scale: 'PHQ-9' }, schemaVersion: 2 },
          { data: { x: 1 }, schemaVersion: 1 },
        ];
        const shape = (events: RecordedEvent[]) => events.map((event) => ({ data: event.data, schemaVersion: event.metadata.schemaVersion }));
        expect(shape(await upcasting.readStream(streamId))).toEqual(expected);
        expect(shape(await upcasting.readCategory(category))).toEqual(expected);
        expect(shape((await upcasting.readAll({ after })).filter((event) => event.streamId === streamId))).toEqual(expected);
        expect(shape((await upcasting.readBySubject(['subject-1'], {})).filter((event) => event.streamId === streamId))).toEqual(expected);
        const delivered: RecordedEvent[] = [];
        const subscription = await upcasting.subscribe({
          subscriptionId: `upcast-${category}`,
          source: { kind: 'category', category },
          handle: async (event) => {
            delivered.push(event);
          },
        });
        await subscription.waitForCheckpoint(await upcasting.headPosition());
        await subscription.stop();
        expect(shape(delivered)).toEqual(expected);
        // the stored form is untouched: a plain store still reads version 1, and the chain still verifies
        expect((await store.readStream(streamId))[0]!.data).toEqual({ score: 7 });
        expect(await upcasting.verifyStream(streamId)).toMatchObject({ ok: true });
      });
    });
  });
}
