import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '../event-store.port';
import { EVENT_STORE } from './event-store-options';

/** Readiness of the event store: it answers a head-position read within the deadline. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
  ) {}

  isReady<const Key extends string>(key: Key, timeoutMs = 1_500) {
    return this.indicators
      .check(key)
      .attempt(async () => ({ headPosition: await this.store.headPosition() }))
      .withTimeout(timeoutMs);
  }
}
