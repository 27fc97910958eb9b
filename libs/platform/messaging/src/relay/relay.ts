import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from '@stepwell/event-store';
import { categoryOf } from '@stepwell/event-store';
import { deterministicMessageId } from '../envelope/message-ids';
import type { IntegrationEvent, MessagePublisher } from '../transport.port';

export interface RelayOptions {
  store: EventStore;
  /** Durable name of the relay's checkpoint, e.g. `referrals.relay`. */
  subscriptionId: string;
  /** The service's own stream categories (`referral`, `episode`...): other events pass untouched. */
  categories: readonly string[];
  /**
   * Maps a private domain event to the integration events it publishes (often none). The relay replaces each
   * returned `messageId` with one derived from the domain event id, so a re-publication carries the same id.
   */
  map(event: RecordedEvent): readonly IntegrationEvent[];
  publisher: MessagePublisher;
  topic: string;
  /**
   * Events of `$all` per page (default 500). The subscription runs in batch mode: the relay publishes the
   * integration events of a whole page, and the checkpoint is saved once, after the last publish of the page
   * resolved. A crash or failed publish before that re-publishes the page (same message ids; consumers' inboxes
   * absorb the duplicates). 1 publishes and checkpoints event by event.
   */
  batchSize?: number;
  /**
   * Most integration events in one `publish` call (default 100): a page's events go out in calls of at most this
   * many, in log order, each awaited before the next (so one key's events stay in order across calls).
   */
  maxPublishBatch?: number;
  /**
   * When the position past pages with no event of `categories` (the access trail, other services' categories) is
   * saved: after this many such pages or this long since the last save, and at `stop()` (the event store's defaults:
   * 20 pages, 5 s). A page with an event of `categories` saves its checkpoint once published, whatever this says.
   */
  idleCheckpoint?: SubscribeOptions['idleCheckpoint'];
  /** Pause before re-subscribing after a failure (publish rejected, store unavailable). Default 1000 ms. */
  restartDelayMs?: number;
  /** Told of each failure (the relay restarts itself); log the code, not the event. */
  onError?(error: unknown): void;
}

export interface RelayStatus {
  subscriptionId: string;
  state: 'catching-up' | 'live' | 'restarting' | 'stopped';
  /**
   * Global position up to which everything of its categories is published: the saved checkpoint, or ahead of it by
   * pages with nothing to publish that are saved later (see `RelayOptions.idleCheckpoint`). Null before the first.
   */
  checkpoint: number | null;
  headPosition: number;
  /** Events in the log after the checkpoint (all categories: an upper bound on what is left to publish). */
  eventsBehind: number;
  /** Age of the oldest event not yet relayed, in seconds; 0 when caught up. */
  secondsBehind: number;
  /** Integration events published since this process started. */
  published: number;
  restarts: number;
  lastError: { name: string; message: string } | null;
}

export interface Relay {
  status(): Promise<RelayStatus>;
  /**
   * Resolves once everything up to `position` has been published (and its pages checkpointed; a stretch with nothing
   * to publish is saved later, see `RelayOptions.idleCheckpoint`).
   */
  waitForCheckpoint(position: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The relay: publishes a service's integration events from its committed event log (never from the request
 * path). One catch-up subscription on `$all` in batch mode, filtered by category, keeps the global order; the
 * checkpoint moves past a page of events only after the publisher resolved for all of it, so a crash between
 * publishing and checkpointing publishes the page again, with the same message ids, and consumers' inboxes
 * absorb the duplicates.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const relay = new EventStoreRelay(options);
  await relay.start();
  return relay;
}

/** Copies of `events` with message ids derived from the domain event's id (stable across re-publication). */
export function withDeterministicIds(domainEventId: string, events: readonly IntegrationEvent[]): IntegrationEvent[] {
  return events.map((event, n) => ({ ...event, messageId: deterministicMessageId(domainEventId, n) }));
}

class EventStoreRelay implements Relay {
  private subscription: Subscription | null = null;
  private readonly categories: ReadonlySet<string>;
  private stopped = false;
  private restarting = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private published = 0;
  private restarts = 0;
  private lastError: RelayStatus['lastError'] = null;
  private lastCheckpoint: number | null = null;
  /** Callers of `waitForCheckpoint` waiting for a restart to replace a failed subscription. */
  private readonly awaitingNewSubscription = new Set<() => void>();

  constructor(private readonly options: RelayOptions) {
    this.categories = new Set(options.categories);
  }

  async start(): Promise<void> {
    this.subscription = await this.options.store.subscribe({
      subscriptionId: this.options.subscriptionId,
      source: { kind: 'all' },
      ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      ...(this.options.idleCheckpoint ? { idleCheckpoint: this.options.idleCheckpoint } : {}),
      // Events of other categories (every access event among them) are read past: a page of only those publishes
      // nothing and saves no checkpoint commit (issue 14); a crash reads them again from the saved checkpoint.
      selects: (event) => this.categories.has(categoryOf(event.streamId)),
      handleBatch: (page) => this.relay(page),
      onError: (error) => this.onFailure(error),
    });
    this.subscriptionReplaced();
  }

  /** Publishes the integration events of a page's events of its categories; the subscription checkpoints the page once this resolved. */
  private async relay(page: readonly RecordedEvent[]): Promise<void> {
    const events = page
      .flatMap((event) => withDeterministicIds(event.id, this.options.map(event)));
    const perCall = Math.max(1, this.options.maxPublishBatch ?? 100);
    for (let from = 0; from < events.length; from += perCall) {
      const chunk = events.slice(from, from + perCall);
      await this.options.publisher.publish(this.options.topic, chunk);
      this.published += chunk.length;
    }
  }

  private onFailure(error: unknown): void {
    this.lastError = error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
    this.options.onError?.(error);
    if (this.stopped || this.restarting) return;
    this.restarting = true;
    this.restartTimer = setTimeout(() => void this.restart(), this.options.restartDelayMs ?? 1000);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    try {
      await this.subscription?.stop().catch(() => undefined);
      if (this.stopped) return;
      this.restarts++;
      // The new subscription resumes from the checkpoint: the failed page is published again from its start.
      await this.start();
      this.restarting = false;
    } catch (error) {
      this.restarting = false;
      this.onFailure(error);
    }
  }

  async waitForCheckpoint(position: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // The subscription object changes on restart: wait on whichever is current until the deadline.
    for (;;) {
      const subscription = this.subscription;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Relay ${this.options.subscriptionId} did not reach position ${position} in ${timeoutMs} ms`);
      if (!subscription) throw new Error('Relay stopped');
      try {
        await subscription.waitForCheckpoint(position, remaining);
        this.lastCheckpoint = Math.max(this.lastCheckpoint ?? 0, position);
        return;
      } catch (error) {
        if (this.stopped || (this.subscription === subscription && !this.restarting)) throw error;
        // A failed subscription rejects at once: wait for the restart (a timer) rather than spin on it.
        if (this.subscription === subscription) await this.newSubscription(deadline - Date.now());
      }
    }
  }

  private newSubscription(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.awaitingNewSubscription.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.awaitingNewSubscription.add(done);
    });
  }

  private subscriptionReplaced(): void {
    for (const done of [...this.awaitingNewSubscription]) done();
  }

  async status(): Promise<RelayStatus> {
    const store = this.options.store;
    const sub = this.subscription?.status();
    // in memory: pages with nothing to publish are saved later, but nothing before this position is left to publish
    const checkpoint = sub?.position ?? sub?.checkpoint ?? this.lastCheckpoint;
    let headPosition: number;
    let secondsBehind: number;
    if (store.subscriptionLag) {
      const lag = await store.subscriptionLag(this.options.subscriptionId);
      headPosition = lag.headPosition;
      // the stored checkpoint may trail by unsaved pages of nothing to publish: nothing is left once past the head
      secondsBehind = checkpoint !== null && checkpoint >= headPosition ? 0 : lag.secondsBehind;
    } else {
      headPosition = await store.headPosition();
      const [oldest] = await store.readAll({ ...(checkpoint !== null ? { after: checkpoint } : {}), maxCount: 1 });
      secondsBehind = oldest ? Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000) : 0;
    }
    const state: RelayStatus['state'] = this.stopped
      ? 'stopped'
      : this.restarting || !sub || sub.state === 'failed' || sub.state === 'stopped'
        ? 'restarting'
        : sub.state;
    return {
      subscriptionId: this.options.subscriptionId,
      state,
      checkpoint,
      headPosition,
      eventsBehind: Math.max(0, headPosition - (checkpoint ?? 0)),
      secondsBehind,
      published: this.published,
      restarts: this.restarts,
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.subscriptionReplaced();
    await this.subscription?.stop();
  }
}

/** Prometheus text lines for a relay's lag, for a service's `/metrics`. */
export function relayMetrics(status: RelayStatus): string {
  const label = `subscription="${status.subscriptionId.replace(/["\\\n]/g, '_')}"`;
  return [
    '# HELP stepwell_relay_events_behind Events in the log after the relay checkpoint.',
    '# TYPE stepwell_relay_events_behind gauge',
    `stepwell_relay_events_behind{${label}} ${status.eventsBehind}`,
    '# HELP stepwell_relay_seconds_behind Age in seconds of the oldest event not yet relayed.',
    '# TYPE stepwell_relay_seconds_behind gauge',
    `stepwell_relay_seconds_behind{${label}} ${status.secondsBehind}`,
    '# HELP stepwell_relay_published_total Integration events published by this process.',
    '# TYPE stepwell_relay_published_total counter',
    `stepwell_relay_published_total{${label}} ${status.published}`,
    '',
  ].join('\n');
}
