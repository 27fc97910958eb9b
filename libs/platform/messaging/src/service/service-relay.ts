import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventStore } from '@stepwell/event-store';
import { EVENT_STORE } from '@stepwell/event-store';
import type { Relay, RelayStatus } from '../relay/relay';
import { startRelay } from '../relay/relay';
import type { MessageTransport } from '../transport.port';
import { topicFor } from '../transport.port';
import type { ServiceMessagingOptions } from './service-messaging.options';
import { MESSAGE_TRANSPORT, SERVICE_MESSAGING_OPTIONS, ServiceMessagingOptionsError } from './service-messaging.options';

/**
 * Runs the service's relay (its own categories → its topic) from application bootstrap until shutdown begins,
 * before the event store and the transport close. Inert when the service relays nothing.
 */
@Injectable()
export class ServiceRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay: Relay | null = null;
  private readonly log = new Logger('ServiceRelay');

  constructor(
    @Inject(SERVICE_MESSAGING_OPTIONS) private readonly options: ServiceMessagingOptions,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    @Optional() @Inject(EVENT_STORE) private readonly store: EventStore | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const relay = this.options.relay;
    if (!relay) return;
    if (!this.store) throw new ServiceMessagingOptionsError('relay configured, but no module in imports provides EVENT_STORE');
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
    const relay = this.relay;
    this.relay = null;
    await relay?.stop();
  }

  /** Null when the service relays nothing (or has stopped). */
  status(): Promise<RelayStatus> | null {
    return this.relay ? this.relay.status() : null;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${code})` : error.name;
}
