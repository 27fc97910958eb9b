import type { RecordedEvent, SubscribeOptions, Subscription, SubscriptionStatus } from '../event-store.port';
import { CheckpointWaiters } from './checkpoint-waiters';

/** Where a subscription keeps its checkpoint. `save` is a compare-and-set from `from` to `to`. */
export interface CheckpointStore {
  load(): Promise<number | null>;
  save(from: number | null, to: number): Promise<void>;
}

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
}

/**
 * A catch-up subscription over any adapter whose reads "after a position" never skip a late commit: reads after
 * the durable checkpoint, hands each event to the handler (or each page to the batch handler), moves the
 * checkpoint only after the handler resolved, and once caught up sleeps until woken (or the safety poll).
 */
export class CatchUpSubscription implements Subscription {
  readonly subscriptionId: string;
  private state: SubscriptionStatus['state'] = 'catching-up';
  private checkpoint: number | null = null;
  private readonly waiters = new CheckpointWaiters();
  private wakeHandle: { close(): Promise<void> } | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: CatchUpDeps) {
    this.subscriptionId = deps.options.subscriptionId;
  }

  async start(): Promise<void> {
    this.checkpoint = await this.deps.checkpoints.load();
    if (this.checkpoint !== null) this.waiters.reached(this.checkpoint);
    this.wakeHandle = await this.deps.wakeSource(() => this.signal());
    this.running = true;
    this.loop = this.run();
  }

  status(): SubscriptionStatus {
    return { subscriptionId: this.subscriptionId, checkpoint: this.checkpoint, state: this.state };
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

  private async run(): Promise<void> {
    const { options, pollIntervalMs } = this.deps;
    const batchSize = options.batchSize ?? 500;
    try {
      while (this.running) {
        this.pendingWake = false;
        // the head is read before the events: every position up to it is visible to the read that follows
        const head = await this.deps.headPosition();
        const batch = await this.deps.read(this.checkpoint ?? 0, batchSize);
        if (options.handleBatch) {
          const last = batch.at(-1);
          if (last && this.running) {
            // one save for the whole page, only once every event of it was handled: a rejection leaves the
            // checkpoint before the page, which is delivered whole again on the next start
            await options.handleBatch(batch);
            await this.advance(last.globalPosition);
          }
        } else {
          for (const event of batch) {
            if (!this.running) break;
            await options.handle(event);
            await this.advance(event.globalPosition);
          }
        }
        if (batch.length < batchSize && this.running) {
          // nothing more in this source up to `head`: settles waits on positions of other categories too
          this.waiters.reached(Math.max(head, this.checkpoint ?? 0));
          this.state = 'live';
          if (!this.pendingWake) await this.sleep(pollIntervalMs);
        }
      }
      this.state = 'stopped';
      this.waiters.fail(new Error(`Subscription ${this.subscriptionId} stopped`));
    } catch (error) {
      this.state = 'failed';
      this.running = false;
      this.waiters.fail(error);
      options.onError?.(error);
    } finally {
      const handle = this.wakeHandle;
      this.wakeHandle = undefined;
      await handle?.close().catch(() => undefined);
      this.deps.onStopped();
    }
  }

  private async advance(position: number): Promise<void> {
    await this.deps.checkpoints.save(this.checkpoint, position);
    this.checkpoint = position;
    this.waiters.reached(position);
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
