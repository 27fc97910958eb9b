import type { EventStore, RecordedEvent, Subscription } from '@stepwell/event-store';
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
  /**
   * A page of the log in global order, the subscription's checkpoint saved once after the page resolved.
   * Projections apply the page in one transaction; reactors react per event, each after the projections passed it
   * (what a reactor reads is the read models as of at least its event).
   */
  handle(events: readonly RecordedEvent[]): Promise<void>;
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

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.checkpoints = qualifiedTable(readModelSchema(options.dataSource), 'projection_checkpoints');
    this.log = options.log ?? (() => undefined);
    this.info = options.info ?? (() => undefined);
    this.restartDelayMs = options.restartDelayMs ?? 1_000;
    this.pageSize = options.pageSize ?? 500;
    for (const projection of options.projections) {
      const handles = selects(projection.handles);
      const lane = this.addLane(projection.name, async (events) => {
        const selected = events.filter(handles);
        if (selected.length > 0) await this.applyOnce(projection, selected);
      });
      this.projectionLanes.push(lane);
    }
    for (const reactor of options.reactors ?? []) {
      const handles = selects(reactor.handles);
      this.addLane(reactor.name, async (events) => {
        for (const event of events) {
          if (!handles(event)) continue;
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

  private addLane(name: string, handle: (events: readonly RecordedEvent[]) => Promise<void>): Lane {
    if (!SAFE_NAME.test(name)) throw new Error(`projection and reactor names are lower-case words with dots or dashes, got "${name}"`);
    if (this.lanes.has(name)) throw new Error(`two projections or reactors are named "${name}"`);
    const lane: Lane = { name, handle, subscription: undefined, next: [] };
    this.lanes.set(name, lane);
    return lane;
  }

  /**
   * Events of one page, each once: the checkpoint row is locked, compared, and moved in the one transaction that
   * writes their rows (events at or before it — a redelivered page after a crash — are skipped).
   */
  private async applyOnce(projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
    await this.options.dataSource.transaction(async (tx) => {
      const checkpoint = await this.lockCheckpoint(tx, projection.name);
      if (!checkpoint) throw new Error(`projection ${projection.name} has no checkpoint row`);
      if (checkpoint.version !== projection.version) {
        throw new Error(`projection ${projection.name} is stored at version ${checkpoint.version}, this code is version ${projection.version}`);
      }
      const fresh = events.filter((event) => event.globalPosition > checkpoint.position);
      if (fresh.length === 0) return;
      await this.applyEvents(tx, projection, fresh);
      const position = fresh.reduce((last, event) => Math.max(last, event.globalPosition), checkpoint.position);
      await tx.query(`UPDATE ${this.checkpoints} SET position = $2, updated_at = now() WHERE projection = $1`, [projection.name, position]);
    });
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
      for (;;) {
        const page = await store.readAll({ after: position, maxCount: this.pageSize });
        await this.applyEvents(tx, projection, page.filter(handles));
        position = page.reduce((last, event) => Math.max(last, event.globalPosition), position);
        if (page.length < this.pageSize) break;
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
        // One subscription checkpoint per page, not per event — most events of the log (the access trail, other
        // categories) concern no projection or reactor, and a commit each was most of a write's background work
        // (issue 14; reactors alone saved 14 per referral). Redelivering a page is harmless: `applyOnce` skips what
        // a projection's checkpoint row covers, and reactors are idempotent by contract.
        handleBatch: (events: readonly RecordedEvent[]) => lane.handle(events),
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
   * How far each lane has got, durably: its subscription's checkpoint in the event store (moved after the event
   * was handled), and for a projection also its `projection_checkpoints` row (moved with the rows).
   */
  private async durablePositions(names: readonly string[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    const { store, dataSource } = this.options;
    const rows = (await dataSource.query(`SELECT projection, position FROM ${this.checkpoints} WHERE projection = ANY($1)`, [names])) as {
      projection: string;
      position: string;
    }[];
    for (const row of rows) positions.set(row.projection, Number(row.position));
    const readCheckpoint = store.readCheckpoint?.bind(store);
    if (readCheckpoint) {
      const stored = await Promise.all(names.map((name) => readCheckpoint(name)));
      names.forEach((name, i) => positions.set(name, Math.max(positions.get(name) ?? -1, stored[i] ?? -1)));
    }
    return positions;
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
