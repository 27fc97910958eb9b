import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { type MessageTransport, MESSAGE_TRANSPORT } from '@stepwell/messaging';
import { ServiceRelay } from './service-relay';

/**
 * Readiness detail of the service's messaging: the transport in use and the relay's lag. Lag alone never makes a
 * service unready (it still takes requests; its events wait in the store); failing to read the lag does.
 */
@Injectable()
export class MessagingHealthIndicator {
  constructor(
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    @Inject(ServiceRelay) private readonly relay: ServiceRelay,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
  ) {}

  isReady<const Key extends string>(key: Key, timeoutMs = 1_500) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        const status = await this.relay.status();
        // Another instance of the service runs the relay (leader election): nothing to report from here.
        if (!status) return this.relay.role() === 'standby' ? { transport: this.transport.kind, relay: { state: 'standby' } } : { transport: this.transport.kind };
        return {
          transport: this.transport.kind,
          relay: {
            state: status.state,
            eventsBehind: status.eventsBehind,
            secondsBehind: Math.round(status.secondsBehind * 1000) / 1000,
            checkpoint: status.checkpoint,
            restarts: status.restarts,
          },
        };
      })
      .withTimeout(timeoutMs);
  }
}
