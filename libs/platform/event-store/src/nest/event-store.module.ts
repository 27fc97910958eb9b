import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { EventStore } from '../event-store.port';
import { EventStoreHealthIndicator } from './event-store-health.indicator';
import { EVENT_STORE, type EventStoreModuleOptions } from './event-store-options';
import { openEventStore } from './open-event-store';

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * A service's event store for Nest: provides the `EventStore` port under `EVENT_STORE` and
 * `EventStoreHealthIndicator` for `/ready`; closes the store on shutdown. Import the same module object
 * everywhere it is needed (one store per service).
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(options) }, EventStoreCloser, EventStoreHealthIndicator],
      exports: [EVENT_STORE, EventStoreHealthIndicator],
    };
  }
}
