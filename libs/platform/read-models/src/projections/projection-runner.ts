import type { CheckpointStore, EventStore, RecordedEvent, SubscribeOptions, Subscription } from '@stepwell/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { Leadership } from '../leadership/leader-election';
import { type Projection, type Reactor, selects } from './projection';
import { qualifiedTable, readModelSchema } from '../read-model-schema';

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** The service's read-model data source; `projection_checkpoints` lives in its schema. */
  dataSource: DataSource;
  projections: readonly Projection[];
  reactors?: readonly Reactor[];
  /** Warnings (a lane stopped, a retry). Codes and names only: a message could quote data. */
  log?: (message: string) => void;
  /** Progress at start (a projection built or rebuilt): ordinary information, not a warning. */
  info?: (message: string) => void;
  /** Pause before a stopped subscription starts again (default 1 s). */
  restartDelayMs?: number;
  /** Events read per round trip by rebuilds and subscriptions (default 500). */
  pageSize?: number;
  /**
   * With several instances of the service: the subscriptions (projections and reactors) run only while this
   * instance leads; the others wait for positions on the durable checkpoints. Without it the runner always leads.
   */
  leadership?: Leadership;
  /** How often a waiting instance that does not lead reads the durable checkpoints (default 20 ms). */
  followerPollMs?: number;
  /**
   * When a lane saves its position past pages with nothing for it (the access trail): the event store's defaults
   * (20 pages, 5 s) unless given. A page with events for it saves at once (a projection's in its rows' transaction).
   */
  idleCheckpoint?: SubscribeOptions['idleCheckpoint'];
}

/** How a start-up wait for the read models reports and gives up (`catchUp`). */
export interface CatchUpOptions {
  /** The position to reach; default: the head of the log when the wait starts. */
  position?: number;
  /** Give up only when no projection moved (live or rebuilding) for this long (default 60 s). */
  stallMs?: number;
  /** How often progress is logged while the wait lasts (default 5 s). */
  progressEveryMs?: number;
}

/** What the read models have reached, for a start-up wait's log lines and a readiness message. */
export interface CatchUpProgress {
  /** The lowest position every projection has reached (-1 before any). */
  position: number;
  /** Per projection: the position reached, and whether it is being rebuilt now. */
  projections: { name: string; position: number; rebuilding: boolean }[];
}

/** A start-up wait gave up: no projection moved for `stallMs` (a stuck or failing lane, not a slow one). */
export class ReadModelsStuckError extends Error {
  readonly code = 'READ_MODELS_STUCK' as const;

  constructor(target: number, progress: CatchUpProgress, stallMs: number) {
    const behind = progress.projections.filter((projection) => projection.position < target);
    super(
      `the read models did not move for ${Math.round(stallMs / 1000)} s at position ${progress.position} of ${target}` +
        ` (behind: ${behind.map((projection) => `${projection.name} at ${projection.position}`).join(', ') || 'none'})`,
    );
    this.name = 'ReadModelsStuckError';
  }
}

interface DurableWaiter {
  lanes: readonly Lane[];
  position: number;
  deadline: number;
  settle(outcome: 'reached' | 'leading'): void;
  fail(error: Error): void;
}

export interface RebuildResult {
  projection: string;
  version: number;
  /** Global position of the last event the rebuild read. */
  position: number;
}

interface Lane {
  name: string;
  /** The events it is given (the projection's or reactor's `handles`); the rest only move it along. */
  selects: (event: RecordedEvent) => boolean;
  /**
   * Projections: the lane's position is its `projection_checkpoints` row (version-bound, moved with the rows),
   * not a checkpoint of the event store's. Reactors: the event store's checkpoint under the lane's name.
   */
  checkpointStore?: CheckpointStore;
  /**
   * A page of the log in global order (only the lane's events of it), the position saved once after the page
   * resolved. Projections apply the page in one transaction; reactors react per event, each after the projections
   * passed it (what a reactor reads is the read models as of at least its event). `pageEnd`: the position of the
   * page's last event, wanted or not (projections move their row to it).
   */
  handle(events: readonly RecordedEvent[], pageEnd: number): Promise<void>;
  subscription: Subscription | undefined;
  /** Resolves the waits for the next subscription of this lane. */
  next: Array<(subscription: Subscription) => void>;
}

/** `rebuild(name)` for a name the service does not have. */
export class UnknownProjectionError extends Error {
  readonly code = 'UNKNOWN_PROJECTION' as const;

  constructor(name: string, known: readonly Projection[]) {
    super(`no projection named "${name}" (known: ${known.map((projection) => projection.name).join(', ') || 'none'})`);
    this.name = 'UnknownProjectionError';
  }
}

/**
 * A wait for a position ran out of time: the write it follows is recorded, but the read models do not show it yet
 * (the leader is changing, or far behind). The HTTP edge answers 503 with Retry-After (`READ_MODEL_BEHIND`); a retry
 * with the same Idempotency-Key answers with the recorded result.
 */
export class ReadModelBehindError extends Error {
  readonly code = 'READ_MODEL_BEHIND' as const;
  readonly headers = { 'Retry-After': '1' };

  constructor(position: number, timeoutMs: number, options?: { cause?: unknown }) {
    super(`The change is recorded, but the read models had not reached it (position ${position}) within ${timeoutMs} ms; retry shortly`, options);
    this.name = 'ReadModelBehindError';
  }
}

const SAFE_NAME = /^[a-z][a-z0-9._-]{0,99}$/;
const REBUILD_PROGRESS_EVERY_MS = 10_000;

/**
 * Runs a service's projections and reactors over its event store.
 *
 * Each projection has a catch-up subscription of its own (the event store's: it delivers in global order and
 * never skips a late commit, in batch mode: one subscription checkpoint per page) and a row in
 * `projection_checkpoints`. The events of a page it handles are applied in one read-model transaction that locks
 * that row, skips events at or before it (a redelivery after a crash between commit and the subscription's own
 * checkpoint), applies the rest and moves the row: rows and
 * checkpoint commit together, so nothing is applied twice and nothing is lost. A command handler waits for the
 * position its append returned (`waitFor`): no request catches anyone else's events up, and no lock is shared
 * between writers. A new `version` rebuilds at start; `rebuild()` replays the log into emptied tables in one
 * transaction, so readers see the old rows until the new ones commit.
 */
export class ProjectionRunner {
  private readonly lanes = new Map<string, Lane>();
  private readonly projectionLanes: Lane[] = [];
  /** Something went wrong and is being retried. */
  private readonly log: (message: string) => void;
  /** Progress worth a line at start (a rebuild), not a warning. */
  private readonly info: (message: string) => void;
  private readonly restartDelayMs: number;
  private readonly pageSize: number;
  private readonly checkpoints: string;
  private running = false;
  /** Whether this instance runs the subscriptions now (always, without a `leadership`). */
  private leading = false;
  private transitions: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private readonly restarts = new Set<NodeJS.Timeout>();
  private readonly durableWaiters = new Set<DurableWaiter>();
  private polling = false;
  /** Projections being rebuilt now, and the position each rebuild has read up to. */
  private readonly rebuilding = new Map<string, number>();
  /** What this instance last read or wrote in each projection's checkpoint row. */
  private readonly rowPositions = new Map<string, number>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.checkpoints = qualifiedTable(readModelSchema(options.dataSource), 'projection_checkpoints');
    this.log = options.log ?? (() => undefined);
    this.info = options.info ?? (() => undefined);
    this.restartDelayMs = options.restartDelayMs ?? 1_000;
    this.pageSize = options.pageSize ?? 500;
    for (const projection of options.projections) {
      const lane = this.addLane(projection.name, selects(projection.handles), (events, pageEnd) => this.applyOnce(projection, events, pageEnd));
      lane.checkpointStore = this.rowCheckpointStore(projection);
      this.projectionLanes.push(lane);
    }
    for (const reactor of options.reactors ?? []) {
      this.addLane(reactor.name, selects(reactor.handles), async (events) => {
        for (const event of events) {
          // What the reactor reads from the read models already holds this event.
          await this.waitFor(event.globalPosition, 60_000);
          await reactor.react(event);
        }
      });
    }
  }

  /**
   * Without a `leadership`: rebuilds projections whose stored version differs from the code's, then subscribes every
   * projection and reactor. With one: does so whenever this instance becomes the leader, and stops the
   * subscriptions when it stops leading.
   */
  async start(): Promise<void> {
    this.running = true;
    const leadership = this.options.leadership;
    if (!leadership) return this.transition(true);
    this.unsubscribe = leadership.onChange((leader) => void this.transition(leader).catch(() => undefined));
    if (leadership.isLeader) await this.transition(true);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    await this.transitions;
    await this.follow();
    for (const waiter of this.durableWaiters) waiter.fail(new Error('the projection runner stopped'));
  }

  /** Whether this instance runs the subscriptions now. */
  get isLeading(): boolean {
    return this.leading;
  }

  /** Leads or follows, one change at a time, in the order the leadership changed. */
  private transition(leader: boolean): Promise<void> {
    const next = this.transitions.then(() => (leader ? this.lead() : this.follow()));
    this.transitions = next.catch((error: unknown) => {
      this.log(`taking the lead failed (${error instanceof Error ? error.name : 'error'}); retrying`);
      this.retryLead();
    });
    return next;
  }

  private async lead(): Promise<void> {
    if (!this.running || this.leading) return;
    if (this.options.leadership && !this.options.leadership.isLeader) return;
    this.leading = true;
    try {
      for (const projection of this.options.projections) {
        const stored = await this.storedCheckpoint(projection.name);
        if (stored?.version !== projection.version) await this.rebuildOne(projection, { unlessBuilt: true });
      }
    } catch (error) {
      this.leading = false;
      throw error;
    }
    for (const lane of this.lanes.values()) await this.startLane(lane);
  }

  private async follow(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    await Promise.all(
      [...this.lanes.values()].map(async (lane) => {
        const subscription = lane.subscription;
        lane.subscription = undefined;
        await subscription?.stop();
      }),
    );
  }

  private retryLead(): void {
    if (!this.running || !this.options.leadership) return;
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (this.options.leadership?.isLeader) void this.transition(true).catch(() => undefined);
    }, this.restartDelayMs);
    this.restarts.add(timer);
  }

  /**
   * Resolves once every projection has applied the log up to `position` (a command's own append): what the
   * command's response reads back is then in the read models. Rejects after `timeoutMs`.
   */
  async waitFor(position: number | null, timeoutMs = 10_000): Promise<void> {
    if (position === null) return;
    await this.waitOnLanes(this.projectionLanes, position, Date.now() + timeoutMs).catch((error: unknown) => {
      throw this.running ? new ReadModelBehindError(position, timeoutMs, { cause: error }) : error;
    });
  }

  /** Like `waitFor`, for the reactors too: every side effect of the log up to `position` has happened. */
  async waitForAll(position: number, timeoutMs = 10_000): Promise<void> {
    await this.waitOnLanes([...this.lanes.values()], position, Date.now() + timeoutMs).catch((error: unknown) => {
      throw this.running ? new ReadModelBehindError(position, timeoutMs, { cause: error }) : error;
    });
  }

  /** Resolves once projections and reactors have handled everything in the log now, and the log stopped growing (tests). */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.options.store.headPosition();
      await this.waitForAll(head, Math.max(1, deadline - Date.now()));
      if ((await this.options.store.headPosition()) === head) return;
    }
  }

  /** Rebuilds one projection by name, or all of them, from the whole log. Safe while the service runs. */
  async rebuild(name?: string): Promise<RebuildResult[]> {
    const selected = this.options.projections.filter((projection) => name === undefined || projection.name === name);
    if (name !== undefined && selected.length === 0) throw new UnknownProjectionError(name, this.options.projections);
    const results: RebuildResult[] = [];
    for (const projection of selected) results.push(await this.rebuildOne(projection));
    return results;
  }

  private addLane(name: string, wanted: (event: RecordedEvent) => boolean, handle: (events: readonly RecordedEvent[], pageEnd: number) => Promise<void>): Lane {
    if (!SAFE_NAME.test(name)) throw new Error(`projection and reactor names are lower-case words with dots or dashes, got "${name}"`);
    if (this.lanes.has(name)) throw new Error(`two projections or reactors are named "${name}"`);
    const lane: Lane = { name, selects: wanted, handle, subscription: undefined, next: [] };
    this.lanes.set(name, lane);
    return lane;
  }

  /**
   * Events of one page, each once: the checkpoint row is locked, compared, and moved in the one transaction that
   * writes their rows (events at or before it — a redelivered page after a crash — are skipped). The row moves to the
   * page's end: the events after the last applied one are not this projection's, so the row is the lane's position
   * too and the subscription needs no commit of its own for this page.
   */
  private async applyOnce(projection: Projection, events: readonly RecordedEvent[], pageEnd: number): Promise<void> {
    const moved = await this.options.dataSource.transaction(async (tx) => {
      const checkpoint = await this.lockCheckpoint(tx, projection.name);
      if (!checkpoint) throw new Error(`projection ${projection.name} has no checkpoint row`);
      if (checkpoint.version !== projection.version) {
        throw new Error(`projection ${projection.name} is stored at version ${checkpoint.version}, this code is version ${projection.version}`);
      }
      const fresh = events.filter((event) => event.globalPosition > checkpoint.position);
      await this.applyEvents(tx, projection, fresh);
      const position = fresh.reduce((last, event) => Math.max(last, event.globalPosition), Math.max(checkpoint.position, pageEnd));
      if (position === checkpoint.position) return position;
      await tx.query(`UPDATE ${this.checkpoints} SET position = $2, updated_at = now() WHERE projection = $1`, [projection.name, position]);
      return position;
    });
    this.rowPositions.set(projection.name, moved);
  }

  /**
   * A projection lane's position is its `projection_checkpoints` row — the one record of what the projection holds:
   * it commits with the rows, and a rebuild sets it (to where the rebuild read up to) in the rebuild's transaction,
   * so a lane starting after a rebuild reads on from there instead of from wherever an older subscription got to.
   * Pages with work move it in `applyOnce`; pages with nothing for the projection move it here (every few idle pages
   * or seconds), forwards only and only for this code's version (an instance of an older version moves nothing).
   */
  private rowCheckpointStore(projection: Projection): CheckpointStore {
    const name = projection.name;
    return {
      load: async () => {
        const row = await this.storedCheckpoint(name);
        const position = row?.position ?? -1;
        this.rowPositions.set(name, position);
        return position < 0 ? null : position;
      },
      save: async (_from, to) => {
        if ((this.rowPositions.get(name) ?? -1) >= to) return;
        const [moved] = (await this.options.dataSource.query(
          `WITH moved AS (UPDATE ${this.checkpoints} SET position = $3, updated_at = now()
                           WHERE projection = $1 AND version = $2 AND position < $3 RETURNING 1)
           SELECT count(*)::int AS n FROM moved`,
          [name, projection.version, to],
        )) as { n: number }[];
        if (!moved || moved.n === 0) {
          const row = await this.storedCheckpoint(name);
          if (row?.version !== projection.version) {
            throw new Error(`projection ${name} is stored at version ${row?.version ?? 'none'}, this code is version ${projection.version}`);
          }
        }
        this.rowPositions.set(name, Math.max(to, this.rowPositions.get(name) ?? -1));
      },
    };
  }

  /** A page's events through `applyPage` where the projection has it, else one `apply` per event, in log order. */
  private async applyEvents(tx: EntityManager, projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (projection.applyPage) return projection.applyPage(tx, events);
    for (const event of events) await projection.apply(tx, event);
  }

  /** Empties the projection's tables and replays the log into them, all in one transaction. */
  private async rebuildOne(projection: Projection, options: { unlessBuilt?: boolean } = {}): Promise<RebuildResult> {
    const { store, dataSource } = this.options;
    const handles = selects(projection.handles);
    return dataSource.transaction(async (tx) => {
      // The transaction is idle while the next page is read from the event store, and on a large log a projection
      // may find nothing of its own in page after page (the access trail): the pool's idle-in-transaction limit
      // (15 s) ended such a rebuild of a million events at its last statement and the service with it. The limit is
      // for transactions left open by mistake; this one ends with the rebuild (each statement keeps its timeout).
      await tx.query('SET LOCAL idle_in_transaction_session_timeout = 0');
      // Version 0: a row for a projection never built (versions start at 1).
      await tx.query(
        `INSERT INTO ${this.checkpoints} (projection, version, position, updated_at) VALUES ($1, 0, -1, now())
         ON CONFLICT (projection) DO NOTHING`,
        [projection.name],
      );
      // Live applies of this projection wait here until the rebuilt rows commit, then skip what the rebuild applied.
      const locked = await this.lockCheckpoint(tx, projection.name);
      // Another instance starting at the same time built this version while we waited for the row.
      if (options.unlessBuilt && locked && locked.version === projection.version) {
        return { projection: projection.name, version: projection.version, position: locked.position };
      }
      await projection.reset(tx);
      let position = -1;
      const head = await store.headPosition();
      let reported = Date.now();
      this.rebuilding.set(projection.name, position);
      try {
        for (;;) {
          const page = await store.readAll({ after: position, maxCount: this.pageSize });
          await this.applyEvents(tx, projection, page.filter(handles));
          position = page.reduce((last, event) => Math.max(last, event.globalPosition), position);
          this.rebuilding.set(projection.name, position);
          if (page.length < this.pageSize) break;
          if (Date.now() - reported >= REBUILD_PROGRESS_EVERY_MS) {
            reported = Date.now();
            this.info(`projection ${projection.name} v${projection.version} rebuilding: position ${position} of ${head}`);
          }
        }
      } finally {
        this.rebuilding.delete(projection.name);
      }
      await tx.query(`UPDATE ${this.checkpoints} SET version = $2, position = $3, updated_at = now() WHERE projection = $1`, [
        projection.name,
        projection.version,
        position,
      ]);
      this.info(
        position < 0
          ? `projection ${projection.name} v${projection.version} built (the log is empty)`
          : `projection ${projection.name} v${projection.version} rebuilt up to position ${position}`,
      );
      return { projection: projection.name, version: projection.version, position };
    });
  }

  private async startLane(lane: Lane): Promise<void> {
    if (!this.running || !this.leading) return;
    try {
      const subscription = await this.options.store.subscribe({
        subscriptionId: lane.name,
        source: { kind: 'all' },
        batchSize: this.pageSize,
        // Only the lane's events are handed over, a page at a time; a page with none of them (most of the log is the
        // access trail) costs no commit: its position is saved every few idle pages or seconds (issue 14). Projections:
        // one read-model transaction per page, which also moves their row — their position — so a page with work needs
        // no second commit; a page delivered again is harmless (`applyOnce` skips what the row covers, reactors are
        // idempotent by contract).
        selects: lane.selects,
        ...(lane.checkpointStore ? { checkpointStore: lane.checkpointStore } : {}),
        ...(this.options.idleCheckpoint ? { idleCheckpoint: this.options.idleCheckpoint } : {}),
        handleBatch: (events: readonly RecordedEvent[], pageEnd: number) => lane.handle(events, pageEnd),
        onError: (error) => {
          const code = (error as { code?: unknown } | null)?.code;
          this.log(`${lane.name} stopped (${error instanceof Error ? error.name : 'error'}${typeof code === 'string' ? ` ${code}` : ''}); restarting`);
          this.restartLater(lane);
        },
      });
      if (!this.running || !this.leading) {
        // Leadership ended while the subscription started.
        await subscription.stop();
        return;
      }
      lane.subscription = subscription;
      for (const resolve of lane.next.splice(0)) resolve(subscription);
    } catch (error) {
      this.log(`${lane.name} could not start (${error instanceof Error ? error.name : 'error'}); retrying`);
      this.restartLater(lane);
    }
  }

  private restartLater(lane: Lane): void {
    if (!this.running || !this.leading) return;
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      void this.startLane(lane);
    }, this.restartDelayMs);
    this.restarts.add(timer);
  }

  /**
   * Waits until every lane has handled `position`: on the subscriptions themselves while this instance leads, on
   * their durable checkpoints while it does not (another instance runs them), switching when leadership changes.
   */
  private async waitOnLanes(lanes: readonly Lane[], position: number, deadline: number): Promise<void> {
    for (;;) {
      if (this.leading) {
        try {
          await Promise.all(lanes.map((lane) => this.waitOnLane(lane, position, deadline)));
          return;
        } catch (error) {
          // Subscriptions stopped because this instance stopped leading: the leader's checkpoints tell from now on.
          if (this.leading || !this.running || Date.now() >= deadline) throw error;
        }
      } else if ((await this.waitDurably(lanes, position, deadline)) === 'reached') {
        return;
      }
    }
  }

  /** Resolves `reached` once each lane's durable checkpoint is at `position`, or `leading` when this instance takes the lead. */
  private waitDurably(lanes: readonly Lane[], position: number, deadline: number): Promise<'reached' | 'leading'> {
    return new Promise((resolve, reject) => {
      const waiter: DurableWaiter = {
        lanes,
        position,
        deadline,
        settle: (outcome) => {
          this.durableWaiters.delete(waiter);
          resolve(outcome);
        },
        fail: (error) => {
          this.durableWaiters.delete(waiter);
          reject(error);
        },
      };
      this.durableWaiters.add(waiter);
      void this.pollDurably();
    });
  }

  /** One loop for all waiters of this instance: one read of the checkpoints per tick, however many wait. */
  private async pollDurably(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const pollMs = this.options.followerPollMs ?? 20;
    try {
      while (this.durableWaiters.size > 0) {
        const names = new Set<string>();
        for (const waiter of this.durableWaiters) for (const lane of waiter.lanes) names.add(lane.name);
        let positions: Map<string, number> | undefined;
        try {
          positions = await this.durablePositions([...names]);
          await this.passNothingWanted(positions, Math.max(...[...this.durableWaiters].map((waiter) => waiter.position)));
        } catch (error) {
          this.log(`reading checkpoints failed (${error instanceof Error ? error.name : 'error'}); retrying`);
        }
        for (const waiter of [...this.durableWaiters]) {
          if (positions && waiter.lanes.every((lane) => (positions.get(lane.name) ?? -1) >= waiter.position)) waiter.settle('reached');
          else if (this.leading) waiter.settle('leading');
          else if (Date.now() >= waiter.deadline) {
            waiter.fail(new Error(`the leader's ${waiter.lanes.map((lane) => lane.name).join(', ')} did not reach position ${waiter.position} in time`));
          }
        }
        if (this.durableWaiters.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } finally {
      this.polling = false;
    }
  }

  /**
   * How far each lane has got, durably: a projection's `projection_checkpoints` row (moved with the rows, its lane's
   * position), a reactor's subscription checkpoint in the event store (moved after the event was handled).
   */
  private async durablePositions(names: readonly string[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    const { store, dataSource } = this.options;
    const projections = names.filter((name) => this.lanes.get(name)?.checkpointStore);
    const reactors = names.filter((name) => !this.lanes.get(name)?.checkpointStore);
    if (projections.length > 0) {
      const rows = (await dataSource.query(`SELECT projection, position FROM ${this.checkpoints} WHERE projection = ANY($1)`, [projections])) as {
        projection: string;
        position: string;
      }[];
      for (const row of rows) positions.set(row.projection, Number(row.position));
    }
    const readCheckpoint = store.readCheckpoint?.bind(store);
    if (readCheckpoint && reactors.length > 0) {
      const stored = await Promise.all(reactors.map((name) => readCheckpoint(name)));
      reactors.forEach((name, i) => positions.set(name, stored[i] ?? -1));
    }
    return positions;
  }

  /**
   * The leader saves a lane's position past events it does not want only every few pages or seconds, so a durable
   * position can trail the leader's: where nothing in the log between a lane's durable position and `target` is for
   * that lane, its read models already show `target` — count it as reached there (one read of the log per lane
   * behind), rather than wait for the leader's next idle save.
   */
  private async passNothingWanted(positions: Map<string, number>, target: number): Promise<void> {
    const { store } = this.options;
    const behind = [...positions].filter(([name, position]) => this.lanes.has(name) && position < target);
    if (behind.length === 0) return;
    // The head first, once per tick for every lane behind: a short read below means everything up to it was visible.
    const head = await store.headPosition();
    await Promise.all(
      behind.map(async ([name, position]) => {
        const lane = this.lanes.get(name);
        if (!lane) return;
        // From the lane's own position (-1: from the log's first event, which `after: 0` would step over).
        const page = await store.readAll({ after: position, maxCount: this.pageSize });
        const first = page.find(lane.selects);
        const last = page.at(-1)?.globalPosition ?? position;
        const passed = first ? first.globalPosition - 1 : page.length < this.pageSize ? Math.max(head, last) : last;
        positions.set(name, Math.max(position, passed));
      }),
    );
  }

  /**
   * The start-up wait for the read models (before a service answers): resolves once every projection has reached
   * `position` (default: the head now). Unlike `waitFor` it has no deadline while they move — a rebuild or a long
   * catch-up on a large store only takes long — logging `read models at position X of Y` every `progressEveryMs`;
   * it rejects with `ReadModelsStuckError` (naming the projections behind and where) once none moved for `stallMs`.
   */
  async catchUp(options: CatchUpOptions = {}): Promise<void> {
    const target = options.position ?? (await this.options.store.headPosition());
    const stallMs = options.stallMs ?? 60_000;
    const every = Math.max(1, options.progressEveryMs ?? 5_000);
    let last = JSON.stringify(await this.progress());
    let movedAt = Date.now();
    for (;;) {
      try {
        await this.waitFor(target, Math.min(every, stallMs));
        return;
      } catch (error) {
        if (!(error instanceof ReadModelBehindError)) throw error;
      }
      const progress = await this.progress();
      const now = JSON.stringify(progress);
      if (now !== last) {
        last = now;
        movedAt = Date.now();
        const rebuilding = progress.projections.filter((projection) => projection.rebuilding).map((projection) => projection.name);
        this.info(`read models at position ${progress.position} of ${target}${rebuilding.length > 0 ? ` (rebuilding ${rebuilding.join(', ')})` : ''}`);
      } else if (Date.now() - movedAt >= stallMs) {
        throw new ReadModelsStuckError(target, progress, Date.now() - movedAt);
      }
    }
  }

  /** Where each projection is: its lane's position while this instance leads, else its row; a rebuild's while rebuilding. */
  async progress(): Promise<CatchUpProgress> {
    const durable = this.leading ? new Map<string, number>() : await this.durablePositions(this.projectionLanes.map((lane) => lane.name));
    const projections = this.projectionLanes.map((lane) => {
      const rebuild = this.rebuilding.get(lane.name);
      const status = lane.subscription?.status();
      const position = rebuild ?? status?.position ?? durable.get(lane.name) ?? this.rowPositions.get(lane.name) ?? -1;
      return { name: lane.name, position, rebuilding: rebuild !== undefined };
    });
    return { position: projections.length === 0 ? -1 : Math.min(...projections.map((projection) => projection.position)), projections };
  }

  /** Waits on the lane's subscription; if it stops meanwhile, on the one that replaces it, up to the deadline. */
  private async waitOnLane(lane: Lane, position: number, deadline: number): Promise<void> {
    for (;;) {
      const subscription = await this.currentSubscription(lane, deadline);
      try {
        await subscription.waitForCheckpoint(position, Math.max(1, deadline - Date.now()));
        return;
      } catch (error) {
        if (subscription.status().state !== 'failed' || Date.now() >= deadline || !this.running) throw error;
      }
    }
  }

  private currentSubscription(lane: Lane, deadline: number): Promise<Subscription> {
    const current = lane.subscription;
    if (current && current.status().state !== 'failed') return Promise.resolve(current);
    return new Promise<Subscription>((resolve, reject) => {
      const timer = setTimeout(() => {
        lane.next = lane.next.filter((waiting) => waiting !== settle);
        reject(new Error(`${lane.name} is not running`));
      }, Math.max(1, deadline - Date.now()));
      const settle = (subscription: Subscription) => {
        clearTimeout(timer);
        resolve(subscription);
      };
      lane.next.push(settle);
    });
  }

  private async storedCheckpoint(name: string): Promise<{ version: number; position: number } | undefined> {
    const rows = (await this.options.dataSource.query(`SELECT version, position FROM ${this.checkpoints} WHERE projection = $1`, [name])) as {
      version: number;
      position: string;
    }[];
    const row = rows[0];
    return row ? { version: Number(row.version), position: Number(row.position) } : undefined;
  }

  private async lockCheckpoint(tx: EntityManager, name: string): Promise<{ version: number; position: number } | undefined> {
    const rows = (await tx.query(`SELECT version, position FROM ${this.checkpoints} WHERE projection = $1 FOR UPDATE`, [name])) as {
      version: number;
      position: string;
    }[];
    const row = rows[0];
    return row ? { version: Number(row.version), position: Number(row.position) } : undefined;
  }
}
