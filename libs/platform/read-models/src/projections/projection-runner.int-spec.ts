import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, DEFAULT_EVENT_STORE_SCHEMA, type NewEvent, type PostgresEventStore, type RecordedEvent } from '@stepwell/event-store';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { CreateProjectionCheckpoints1763700000000 } from '../create-projection-checkpoints.migration';
import { LeaderElection } from '../leadership/leader-election';
import { openReadModelDataSource } from '../read-model-data-source';
import type { Projection, Reactor } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions, ReadModelsStuckError } from './projection-runner';

class CreateTally1763700000001 implements MigrationInterface {
  name = 'CreateTally1763700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE "runner"."tally" (counter text PRIMARY KEY, clicks integer NOT NULL, last_position bigint NOT NULL)');
    await runner.query('CREATE TABLE "runner"."seen" (counter text NOT NULL, clicks integer NOT NULL)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "runner"."seen"');
    await runner.query('DROP TABLE "runner"."tally"');
  }
}

/** Counts clicks per counter; deliberately not idempotent (`clicks + 1`), so a double apply shows. */
class TallyProjection implements Projection {
  readonly name = 'runner.tally';
  readonly handles = { categories: ['counter'] };
  failNext = false;
  applied = 0;

  constructor(readonly version = 1) {}

  async apply(tx: EntityManager, event: RecordedEvent): Promise<void> {
    await tx.query(
      `INSERT INTO "runner"."tally" (counter, clicks, last_position) VALUES ($1, 1, $2)
       ON CONFLICT (counter) DO UPDATE SET clicks = "runner"."tally".clicks + 1, last_position = EXCLUDED.last_position`,
      [event.streamId, event.globalPosition],
    );
    this.applied += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('crash after writing the row, before the checkpoint');
    }
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('DELETE FROM "runner"."tally"');
  }
}

/** Records what the tally read when it saw each click: a reactor reads the read models after the projection. */
class SeenReactor implements Reactor {
  readonly name = 'runner.seen';
  readonly handles = { types: ['Clicked'] };

  constructor(private readonly dataSource: DataSource) {}

  async react(event: RecordedEvent): Promise<void> {
    const [row] = (await this.dataSource.query('SELECT clicks FROM "runner"."tally" WHERE counter = $1', [event.streamId])) as { clicks: number }[];
    await this.dataSource.query('INSERT INTO "runner"."seen" (counter, clicks) VALUES ($1, $2)', [event.streamId, row?.clicks ?? 0]);
  }
}

const click = (): NewEvent => ({
  id: randomUUID(),
  type: 'Clicked',
  data: {},
  metadata: { occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, actor: { userId: 'u', organisationId: 'X1', role: 'test' }, schemaVersion: 1 },
});

const accessed = (): NewEvent => ({ ...click(), type: 'RecordAccessed' });

describe('ProjectionRunner', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('projection_runner');
    store = await createPostgresEventStore({ connectionString: database.url });
    dataSource = await openReadModelDataSource({
      service: 'runner',
      url: database.url,
      entities: [],
      migrations: [CreateProjectionCheckpoints1763700000000, CreateTally1763700000001],
    });
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await dataSource.destroy();
    await store.close();
    await database.drop();
  });

  const start = async (projection: Projection, reactors: Reactor[] = [], options: Partial<ProjectionRunnerOptions> = {}) => {
    const runner = new ProjectionRunner({ store, dataSource, projections: [projection], reactors, restartDelayMs: 20, ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const append = async (counter: string, clicks = 1) => {
    let position = 0;
    for (let i = 0; i < clicks; i++) position = (await store.appendToStream(`counter-${counter}`, [click()], { expectedRevision: 'any' })).lastGlobalPosition;
    return position;
  };
  /** Events no projection here wants (the access trail of a real service), `count` appends of one event each. */
  const appendAccess = async (count: number) => {
    let position = 0;
    for (let i = 0; i < count; i++) position = (await store.appendToStream(`access-${randomUUID()}`, [accessed()], { expectedRevision: 'no_stream' })).lastGlobalPosition;
    return position;
  };
  /** Many events no projection wants, in appends of 100 (a store with a long audit trail). */
  const appendAccessInBulk = async (events: number) => {
    let position = 0;
    for (let left = events; left > 0; left -= 100) {
      const batch = Array.from({ length: Math.min(100, left) }, () => accessed());
      position = (await store.appendToStream(`access-${randomUUID()}`, batch, { expectedRevision: 'no_stream' })).lastGlobalPosition;
    }
    return position;
  };
  const tally = async () =>
    (await dataSource.query('SELECT counter, clicks FROM "runner"."tally" ORDER BY counter')) as { counter: string; clicks: number }[];
  const checkpoint = async () =>
    ((await dataSource.query(`SELECT version, position FROM "runner"."projection_checkpoints" WHERE projection = 'runner.tally'`)) as {
      version: number;
      position: string;
    }[]).map((row) => ({ version: row.version, position: Number(row.position) }))[0];

  it('applies each event once and answers a wait for a position only once its rows are readable', async () => {
    const runner = await start(new TallyProjection());
    await append('a', 2);
    const last = await append('b', 3);
    await runner.waitFor(last);
    expect(await tally()).toEqual([
      { counter: 'counter-a', clicks: 2 },
      { counter: 'counter-b', clicks: 3 },
    ]);
    expect(await checkpoint()).toEqual({ version: 1, position: last });
  });

  it('moves the checkpoint in the rows’ transaction: a crash between them applies the event again once, not twice', async () => {
    const projection = new TallyProjection();
    const runner = await start(projection);
    await runner.waitFor(await append('a'));
    projection.failNext = true;
    const failing = await append('a');
    // The failed transaction left neither the row nor the checkpoint; the restarted subscription applies it once.
    await runner.waitFor(failing, 5_000);
    expect(projection.applied).toBe(3);
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 2 }]);
    expect(await checkpoint()).toEqual({ version: 1, position: failing });
  });

  it('skips what the read models already hold when the log redelivers it (the subscription’s own checkpoint lost)', async () => {
    const first = await start(new TallyProjection());
    const last = await append('a', 3);
    await first.waitFor(last);
    await first.stop();
    // As if an older version's subscription checkpoint were lost: the lane's position is the projection's row, not it.
    await dataSource.query(`UPDATE "${DEFAULT_EVENT_STORE_SCHEMA}".checkpoints SET position = NULL WHERE subscription_id = 'runner.tally'`);
    const projection = new TallyProjection();
    const second = await start(projection);
    await second.waitFor(await append('b'));
    expect(await tally()).toEqual([
      { counter: 'counter-a', clicks: 3 },
      { counter: 'counter-b', clicks: 1 },
    ]);
  });

  it('saves no checkpoint for pages with nothing for a projection, and moves its row past them with its next page of work', async () => {
    const projection = new TallyProjection();
    const runner = await start(projection, [], { idleCheckpoint: { pages: 1_000, ms: 600_000 } });
    const first = await append('a');
    await runner.waitFor(first);
    expect(await checkpoint()).toEqual({ version: 1, position: first });
    // the access trail: read past, applied nowhere, and nothing committed for it
    const access = await appendAccess(5);
    await runner.waitFor(access);
    expect(await checkpoint()).toEqual({ version: 1, position: first });
    // the projection's position is its row alone: no checkpoint of the event store's is kept for it
    expect(await store.readCheckpoint('runner.tally')).toBeNull();
    const next = await append('a');
    await runner.waitFor(next);
    expect(await checkpoint()).toEqual({ version: 1, position: next });
    expect(projection.applied).toBe(2);
    // an orderly stop saves the idle stretch after the last page of work
    const trailing = await appendAccess(2);
    await runner.waitFor(trailing);
    await runner.stop();
    expect(await checkpoint()).toEqual({ version: 1, position: trailing });
  });

  it('after a crash with unsaved idle pages, resumes from the row and applies what came after, once', async () => {
    const first = await start(new TallyProjection(), [], { idleCheckpoint: { pages: 1_000, ms: 600_000 } });
    const applied = await append('a', 2);
    await first.waitFor(applied);
    const access = await appendAccess(3);
    await first.waitFor(access);
    await first.stop();
    // as if the process had died instead: the idle stretch after the last page of work was never saved
    await dataSource.query(`UPDATE "runner"."projection_checkpoints" SET position = $1 WHERE projection = 'runner.tally'`, [applied]);
    const projection = new TallyProjection();
    const second = await start(projection);
    const later = await append('a');
    await second.waitFor(later);
    expect(projection.applied).toBe(1);
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 3 }]);
  });

  it('rebuilds from the log into emptied tables, the same as live', async () => {
    const runner = await start(new TallyProjection());
    await append('a', 2);
    const last = await append('b');
    await runner.waitFor(last);
    const live = await tally();
    await dataSource.query(`UPDATE "runner"."tally" SET clicks = 99`);
    expect(await runner.rebuild('runner.tally')).toEqual([{ projection: 'runner.tally', version: 1, position: last }]);
    expect(await tally()).toEqual(live);
    // Live applies go on after the rebuild, without applying what it replayed again.
    await runner.waitFor(await append('a'));
    expect(await tally()).toEqual([
      { counter: 'counter-a', clicks: 3 },
      { counter: 'counter-b', clicks: 1 },
    ]);
    await expect(runner.rebuild('runner.nothing')).rejects.toMatchObject({ code: 'UNKNOWN_PROJECTION' });
  });

  it('rebuilds at start when the projection’s version changed', async () => {
    const first = await start(new TallyProjection(1));
    await first.waitFor(await append('a', 2));
    await first.stop();
    await dataSource.query(`UPDATE "runner"."tally" SET clicks = 99`);
    const bumped = await start(new TallyProjection(2));
    expect(await checkpoint()).toEqual({ version: 2, position: await store.headPosition() });
    await bumped.waitFor(await append('a'));
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 3 }]);
  });

  it('after a version bump on a store of many pages, the lane reads on from the rebuild, not from the log’s start, and the start-up wait is met', async () => {
    const pageSize = 50;
    const first = await start(new TallyProjection(1), [], { pageSize });
    await append('a', 3);
    const head = await appendAccessInBulk(3_000);
    await first.waitFor(head, 60_000);
    await first.stop();
    const infos: string[] = [];
    const projection = new TallyProjection(2);
    const bumped = await start(projection, [], { pageSize, info: (message) => infos.push(message) });
    // the rebuild replayed the log once (60 pages) and set the row; the lane starts from that row
    expect(await checkpoint()).toEqual({ version: 2, position: head });
    expect(projection.applied).toBe(3);
    const [progress] = (await bumped.progress()).projections;
    expect(progress).toEqual({ name: 'runner.tally', position: head, rebuilding: false });
    await bumped.catchUp({ stallMs: 10_000 });
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 3 }]);
    expect(infos).toContain(`projection runner.tally v2 rebuilt up to position ${head}`);
    await bumped.waitFor(await append('a'));
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 4 }]);
  });

  it('the start-up wait outlasts its stall limit while the read models move, and reports a stuck projection clearly', async () => {
    // slow: each event takes a while to apply, so the whole catch-up takes several stall limits
    class SlowTally extends TallyProjection {
      override async apply(tx: EntityManager, event: RecordedEvent): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 40));
        await super.apply(tx, event);
      }
    }
    const infos: string[] = [];
    const slow = await start(new SlowTally(), [], { pageSize: 2, info: (message) => infos.push(message) });
    const target = await append('a', 16);
    await slow.catchUp({ position: target, stallMs: 250, progressEveryMs: 50 });
    expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 16 }]);
    expect(infos.some((message) => /^read models at position \d+ of \d+$/.test(message) && message.endsWith(` of ${target}`))).toBe(true);
    await slow.stop();

    // stuck: every attempt fails on the same event
    class BrokenTally extends TallyProjection {
      override async apply(): Promise<void> {
        throw new Error('cannot apply');
      }
    }
    const stuck = await append('b');
    const broken = await start(new BrokenTally(), [], { log: () => undefined });
    const error = await broken.catchUp({ position: stuck, stallMs: 300, progressEveryMs: 50 }).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(ReadModelsStuckError);
    expect((error as Error).message).toMatch(new RegExp(`at position ${target} of ${stuck} \\(behind: runner.tally at ${target}\\)$`));
  });

  it('rebuilds through a long stretch of the log with nothing for the projection, longer than the pool’s idle-in-transaction limit', async () => {
    const previous = process.env['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'];
    process.env['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'] = '300';
    const strict = await openReadModelDataSource({ service: 'runner', url: database.url, entities: [], migrations: [] });
    if (previous === undefined) delete process.env['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'];
    else process.env['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'] = previous;
    try {
      await append('a', 2);
      const head = await appendAccessInBulk(400);
      // each page read takes a while, as on a loaded machine with a large log: 20 pages with nothing for the tally
      const slowStore = { ...store, readAll: async (options?: Parameters<typeof store.readAll>[0]) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return store.readAll(options);
      } };
      const runner = new ProjectionRunner({ store: slowStore, dataSource: strict, projections: [new TallyProjection()], pageSize: 20, restartDelayMs: 20 });
      runners.push(runner);
      expect(await runner.rebuild('runner.tally')).toEqual([{ projection: 'runner.tally', version: 1, position: head }]);
      expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 2 }]);
    } finally {
      await strict.destroy();
    }
  });

  it('runs a reactor after the projections: what it reads already holds the event', async () => {
    const runner = await start(new TallyProjection(), [new SeenReactor(dataSource)]);
    await append('a', 3);
    await runner.settled();
    // One reaction per event, each reading rows that already hold its event: the k-th click's reaction reads at least
    // k clicks (projections apply a page of the log at a time, so it may also see the page's later events), never fewer.
    const seen = (await dataSource.query('SELECT clicks FROM "runner"."seen" ORDER BY clicks')) as { clicks: number }[];
    expect(seen).toHaveLength(3);
    seen.forEach(({ clicks }, k) => expect(clicks).toBeGreaterThanOrEqual(k + 1));
    expect(seen.every(({ clicks }) => clicks <= 3)).toBe(true);
  });

  it('with two instances, runs the subscriptions on the leader only; the follower waits on the durable checkpoints and takes over', async () => {
    const election = (name: string) => new LeaderElection({ connectionString: database.url, name, retryIntervalMs: 50, takeoverDelayMs: 10 });
    const first = election('runner');
    const second = election('runner');
    await first.start();
    await second.start();
    const leadingTally = new TallyProjection();
    const followingTally = new TallyProjection();
    // idle positions saved rarely: a follower's wait past events no lane wants must not depend on the leader saving them
    const idleCheckpoint = { pages: 1_000, ms: 600_000 };
    const leading = new ProjectionRunner({ store, dataSource, projections: [leadingTally], reactors: [new SeenReactor(dataSource)], leadership: first, restartDelayMs: 20, idleCheckpoint });
    const following = new ProjectionRunner({ store, dataSource, projections: [followingTally], reactors: [new SeenReactor(dataSource)], leadership: second, restartDelayMs: 20, idleCheckpoint });
    runners.push(leading, following);
    try {
      await leading.start();
      await following.start();
      expect([leading.isLeading, following.isLeading]).toEqual([true, false]);
      // A write answered by the follower: its wait returns once the leader's projection holds the event.
      const last = await append('a', 3);
      await following.waitFor(last);
      expect(await tally()).toEqual([{ counter: 'counter-a', clicks: 3 }]);
      await following.waitForAll(last);
      expect(followingTally.applied).toBe(0);
      expect(leadingTally.applied).toBe(3);
      // an event no lane wants: the leader's durable positions stay where they were, yet the follower's wait is met
      const access = await appendAccess(1);
      await leading.waitForAll(access);
      expect(await checkpoint()).toEqual({ version: 1, position: last });
      await following.waitForAll(access, 2_000);

      // The leader goes (its session ends): the follower takes over from the checkpoints, nothing applied twice.
      await first.stop();
      await leading.stop();
      const after = await append('b', 2);
      await following.waitFor(after);
      expect(following.isLeading).toBe(true);
      expect(followingTally.applied).toBe(2);
      await following.settled();
      expect(await tally()).toEqual([
        { counter: 'counter-a', clicks: 3 },
        { counter: 'counter-b', clicks: 2 },
      ]);
      // The reactor ran once per click, on whichever instance led at the time.
      expect(await dataSource.query('SELECT count(*)::int AS n FROM "runner"."seen"')).toEqual([{ n: 5 }]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
