import type { EventStore, RecordedEvent, Subscription } from '@stepwell/event-store';
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
  batchSize?: number;
  /**
   * Events of the service's categories published together (default 100). The subscription hands over one event
   * at a time; the relay reads ahead up to the store's head and publishes the run in one call, then lets the
   * subscription checkpoint through the events it already published. A crash before those checkpoints
   * re-publishes them (same message ids). 1 publishes event by event.
   */
  lookAhead?: number;
  /** Pause before re-subscribing after a failure (publish rejected, store unavailable). Default 1000 ms. */
  restartDelayMs?: number;
  /** Told of each failure (the relay restarts itself); log the code, not the event. */
  onError?(error: unknown): void;
}

export interface RelayStatus {
  subscriptionId: string;
  state: 'catching-up' | 'live' | 'restarting' | 'stopped';
  /** Global position of the last event published and checkpointed, or null before the first. */
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
  /** Resolves once everything up to `position` has been published and checkpointed. */
  waitForCheckpoint(position: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The relay: publishes a service's integration events from its committed event log (never from the request
 * path). One catch-up subscription on `$all`, filtered by category, keeps the global order; the checkpoint moves
 * past an event only after the publisher resolved, so a crash between publishing and checkpointing publishes
 * the event again, with the same message ids, and consumers' inboxes absorb the duplicate.
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
  /** Ids of domain events published by look-ahead whose turn in the subscription has not come yet. */
  private readonly publishedAhead = new Set<string>();

  constructor(private readonly options: RelayOptions) {
    this.categories = new Set(options.categories);
  }

  async start(): Promise<void> {
    this.subscription = await this.options.store.subscribe({
      subscriptionId: this.options.subscriptionId,
      source: { kind: 'all' },
      ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      handle: (event) => this.relay(event),
      onError: (error) => this.onFailure(error),
    });
  }

  private async relay(event: RecordedEvent): Promise<void> {
    if (!this.categories.has(categoryOf(event.streamId))) return;
    if (this.publishedAhead.delete(event.id)) return;
    const run = [event, ...(await this.readAhead(event))];
    const events = run.flatMap((e) => withDeterministicIds(e.id, this.options.map(e)));
    if (events.length > 0) {
      await this.options.publisher.publish(this.options.topic, events);
      this.published += events.length;
    }
    for (const ahead of run.slice(1)) this.publishedAhead.add(ahead.id);
  }

  /** The service's events right after `event`, up to the head every reader may see (no late-commit gap). */
  private async readAhead(event: RecordedEvent): Promise<RecordedEvent[]> {
    const lookAhead = this.options.lookAhead ?? 100;
    if (lookAhead <= 1) return [];
    const head = await this.options.store.headPosition();
    if (head <= event.globalPosition) return [];
    const next = await this.options.store.readAll({ after: event.globalPosition, maxCount: lookAhead - 1 });
    return next.filter((e) => e.globalPosition <= head && this.categories.has(categoryOf(e.streamId)));
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
      // The new subscription resumes from the checkpoint: publish from there again rather than trust memory.
      this.publishedAhead.clear();
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
        if (this.subscription === subscription && !this.restarting) throw error;
      }
    }
  }

  async status(): Promise<RelayStatus> {
    const store = this.options.store;
    const sub = this.subscription?.status();
    const checkpoint = sub?.checkpoint ?? this.lastCheckpoint;
    let headPosition: number;
    let secondsBehind: number;
    if (store.subscriptionLag) {
      const lag = await store.subscriptionLag(this.options.subscriptionId);
      headPosition = lag.headPosition;
      secondsBehind = lag.secondsBehind;
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
