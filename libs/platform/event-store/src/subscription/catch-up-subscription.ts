import type { CheckpointStore, RecordedEvent, SubscribeOptions, Subscription, SubscriptionStatus } from '../event-store.port';
import { CheckpointWaiters } from './checkpoint-waiters';

export type { CheckpointStore } from '../event-store.port';

/** Something that says "new events may have been committed": LISTEN/NOTIFY, a live server feed. */
export type WakeSource = (wake: () => void) => Promise<{ close(): Promise<void> }>;

export interface CatchUpDeps {
  options: SubscribeOptions;
  checkpoints: CheckpointStore;
  /** Events of the subscription's source strictly after `after`, in global order. */
  read(after: number, batchSize: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
  wakeSource: WakeSource;
  /** Safety net should a wake-up be lost. */
  pollIntervalMs: number;
  onStopped(): void;
  /** Milliseconds now (tests). */
  now?: () => number;
}

export const DEFAULT_IDLE_CHECKPOINT_PAGES = 20;
export const DEFAULT_IDLE_CHECKPOINT_MS = 5_000;

/**
 * A catch-up subscription over any adapter whose reads "after a position" never skip a late commit: reads after
 * its position, hands each wanted event to the handler (or each page's wanted events to the batch handler), saves
 * the checkpoint only after the handler resolved, and once caught up sleeps until woken (or the safety poll).
 *
 * The position lives in memory; the checkpoint (what a restart resumes after) is saved after a page (or event) that
 * had work, and for pages with nothing wanted only every `idleCheckpoint.pages` pages or `idleCheckpoint.ms`, and at
 * an orderly stop — so the access trail, which most subscriptions read past, costs no checkpoint commit per event.
 * The saved checkpoint is never ahead of what was handled: a crash resumes at or before the in-memory position and
 * reads the unsaved stretch again (nothing in it was wanted, or it was handled by idempotent handlers).
 */
export class CatchUpSubscription implements Subscription {
  readonly subscriptionId: string;
  private state: SubscriptionStatus['state'] = 'catching-up';
  /** Saved: what a restart resumes after. */
  private checkpoint: number | null = null;
  /** Read and handled (or passed over as not wanted): at or after `checkpoint`. */
  private position: number | null = null;
  private idlePages = 0;
  private lastSaveAt = 0;
  private readonly waiters = new CheckpointWaiters();
  private wakeHandle: { close(): Promise<void> } | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly idlePageLimit: number;
  private readonly idleMs: number;

  constructor(private readonly deps: CatchUpDeps) {
    this.subscriptionId = deps.options.subscriptionId;
    this.now = deps.now ?? Date.now;
    this.idlePageLimit = Math.max(1, deps.options.idleCheckpoint?.pages ?? DEFAULT_IDLE_CHECKPOINT_PAGES);
    this.idleMs = Math.max(0, deps.options.idleCheckpoint?.ms ?? DEFAULT_IDLE_CHECKPOINT_MS);
  }

  async start(): Promise<void> {
    this.checkpoint = await this.deps.checkpoints.load();
    this.position = this.checkpoint;
    this.lastSaveAt = this.now();
    if (this.checkpoint !== null) this.waiters.reached(this.checkpoint);
    this.wakeHandle = await this.deps.wakeSource(() => this.signal());
    this.running = true;
    this.loop = this.run();
  }

  status(): SubscriptionStatus {
    return { subscriptionId: this.subscriptionId, checkpoint: this.checkpoint, position: this.position, state: this.state };
  }

  waitForCheckpoint(position: number, timeoutMs = 10_000): Promise<void> {
    return this.waiters.wait(position, timeoutMs, this.subscriptionId);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal();
    await this.loop;
  }

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** The in-memory position when it is ahead of the saved checkpoint, else null. */
  private unsaved(): number | null {
    return this.position !== null && this.position !== this.checkpoint ? this.position : null;
  }

  private async run(): Promise<void> {
    const { options, pollIntervalMs } = this.deps;
    const batchSize = options.batchSize ?? 500;
    const selects = options.selects?.bind(options);
    const wanted = selects ?? (() => true);
    let failed = false;
    try {
      while (this.running) {
        this.pendingWake = false;
        // the head is read before the events: every position up to it is visible to the read that follows
        const head = await this.deps.headPosition();
        const batch = await this.deps.read(this.position ?? 0, batchSize);
        const last = batch.at(-1);
        if (options.handleBatch) {
          if (last && this.running) {
            const mine = batch.filter(wanted);
            if (mine.length > 0) {
              // one save for the whole page, only once every event of it was handled: a rejection leaves the
              // checkpoint before the page, which is delivered whole again on the next start
              await options.handleBatch(mine, last.globalPosition);
              await this.save(last.globalPosition);
            } else {
              await this.passed(last.globalPosition);
            }
          }
        } else {
          let worked = false;
          for (const event of batch) {
            if (!this.running) break;
            if (wanted(event)) {
              await options.handle(event);
              await this.save(event.globalPosition);
              worked = true;
            } else {
              this.moveTo(event.globalPosition);
            }
          }
          if (last && !worked && this.running) await this.passed(last.globalPosition);
        }
        if (batch.length < batchSize && this.running) {
          // nothing more in this source up to `head`: settles waits on positions of other categories too
          this.waiters.reached(Math.max(head, this.position ?? 0));
          this.state = 'live';
          const idle = this.unsaved();
          if (idle !== null && this.now() - this.lastSaveAt >= this.idleMs) await this.save(idle);
          // asleep with an unsaved position: wake in time to save it
          const sleepMs = this.unsaved() === null ? pollIntervalMs : Math.min(pollIntervalMs, Math.max(1, this.lastSaveAt + this.idleMs - this.now()));
          if (!this.pendingWake) await this.sleep(sleepMs);
        }
      }
    } catch (error) {
      failed = true;
      this.state = 'failed';
      this.running = false;
      this.waiters.fail(error);
      options.onError?.(error);
    } finally {
      if (!failed) {
        // an orderly stop saves what pages with nothing wanted passed; should that fail, the next start reads them again
        const idle = this.unsaved();
        if (idle !== null) await this.save(idle).catch(() => undefined);
        this.state = 'stopped';
        this.waiters.fail(new Error(`Subscription ${this.subscriptionId} stopped`));
      }
      const handle = this.wakeHandle;
      this.wakeHandle = undefined;
      await handle?.close().catch(() => undefined);
      this.deps.onStopped();
    }
  }

  /** A page with nothing wanted: moves in memory, saved only every few pages or after a while. */
  private async passed(position: number): Promise<void> {
    this.moveTo(position);
    this.idlePages++;
    if (this.idlePages >= this.idlePageLimit || this.now() - this.lastSaveAt >= this.idleMs) await this.save(position);
  }

  private moveTo(position: number): void {
    this.position = position;
    this.waiters.reached(position);
  }

  private async save(position: number): Promise<void> {
    await this.deps.checkpoints.save(this.checkpoint, position);
    this.checkpoint = position;
    this.idlePages = 0;
    this.lastSaveAt = this.now();
    this.moveTo(position);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
