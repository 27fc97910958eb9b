import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventStore } from '@stepwell/event-store';
import { EVENT_STORE } from '@stepwell/event-store';
import { type Leadership, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { type Relay, type RelayStatus, startRelay, type MessageTransport, topicFor, MESSAGE_TRANSPORT } from '@stepwell/messaging';
import { type ServiceMessagingOptions, SERVICE_MESSAGING_OPTIONS, ServiceMessagingOptionsError } from './service-messaging.options';

/**
 * Runs the service's relay (its own categories → its topic) from application bootstrap until shutdown begins,
 * before the event store and the transport close. Inert when the service relays nothing.
 * With the service's leadership (`SERVICE_LEADERSHIP`), only the leading instance relays: the relay starts when
 * this instance becomes the leader and stops when it stops being it, so one relay runs per service however many
 * instances there are (a second would only fight over the checkpoint and publish pages twice).
 */
@Injectable()
export class ServiceRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay: Relay | null = null;
  private readonly log = new Logger('ServiceRelay');
  private changes: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private stopping = false;

  constructor(
    @Inject(SERVICE_MESSAGING_OPTIONS) private readonly options: ServiceMessagingOptions,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    @Optional() @Inject(EVENT_STORE) private readonly store: EventStore | null,
    @Optional() @Inject(SERVICE_LEADERSHIP) private readonly leadership: Leadership | null = null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.relay) return;
    if (!this.store) throw new ServiceMessagingOptionsError('relay configured, but no module in imports provides EVENT_STORE');
    if (!this.leadership) return this.startRelay();
    this.unsubscribe = this.leadership.onChange((leader) => void this.change(leader));
    if (this.leadership.isLeader) await this.change(true);
  }

  /** Whether this instance runs the relay now. */
  get isRelaying(): boolean {
    return this.relay !== null;
  }

  /** Starts or stops the relay, one change at a time, in the order leadership changed. */
  private change(leader: boolean): Promise<void> {
    this.changes = this.changes
      .then(async () => {
        if (leader && this.leadership?.isLeader !== false && !this.stopping) await this.startRelay();
        else if (!leader) await this.stopRelay();
      })
      .catch((error: unknown) => {
        this.log.warn(`Relay could not ${leader ? 'start' : 'stop'}: ${describe(error)}`);
        // Still the leader: try again, as the relay itself does after a failure.
        if (leader) setTimeout(() => void this.change(this.leadership?.isLeader === true), 1_000).unref();
      });
    return this.changes;
  }

  /**
   * `relaying`: this instance runs the relay; `standby`: another instance leads (this one takes over if it
   * dies); `none`: the service relays nothing.
   */
  role(): 'relaying' | 'standby' | 'none' {
    if (!this.options.relay) return 'none';
    return this.relay ? 'relaying' : 'standby';
  }

  private async startRelay(): Promise<void> {
    const relay = this.options.relay;
    if (!relay || !this.store || this.relay) return;
    this.relay = await startRelay({
      store: this.store,
      subscriptionId: `${this.options.service}.relay`,
      categories: relay.categories,
      map: (event) => relay.map(event),
      publisher: this.transport.publisher(),
      topic: topicFor(this.options.service),
      // The relay restarts itself; the error's name and code say enough, and its message could quote data.
      onError: (error) => this.log.warn(`Relay failed and will restart: ${describe(error)}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    await this.changes;
    await this.stopRelay();
  }

  private async stopRelay(): Promise<void> {
    const relay = this.relay;
    this.relay = null;
    await relay?.stop();
  }

  /** Null when the service relays nothing, another instance leads, or it has stopped. */
  status(): Promise<RelayStatus> | null {
    return this.relay ? this.relay.status() : null;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${code})` : error.name;
}
