import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule, authConfigFrom } from '@stepwell/access';
import { EVENT_STORE, type EventStore, EventStoreHealthIndicator, EventStoreModule } from '@stepwell/event-store';
import { HealthModule } from '@stepwell/http';
import { MessagingHealthIndicator, ServiceMessagingModule } from '@stepwell/messaging';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import type { ConsultationsConfig } from './config';
import { consultationsEventStore } from './event-store-options';
import { consultationsMessaging } from './integration/consultations-messaging';
import { consultationsReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: ConsultationsConfig): DynamicModule {
    // One module object each, imported wherever needed: the service has one pool and one event store.
    const readModels = ReadModelsModule.forRoot(consultationsReadModels(config));
    const eventStore = EventStoreModule.forRoot(consultationsEventStore(config));
    const messaging = ServiceMessagingModule.forRoot(consultationsMessaging(config, [readModels, eventStore]));
    return {
      module: AppModule,
      imports: [
        readModels,
        eventStore,
        messaging,
        // Every route needs a bearer token except /health, /ready and /docs; access events go to this service's store.
        AccessModule.forRootAsync({
          imports: [readModels, eventStore],
          inject: [EVENT_STORE, DataSource],
          useFactory: (store: EventStore, dataSource: DataSource) => ({ auth: authConfigFrom(config), eventStore: store, dataSource }),
        }),
        HealthModule.forRoot({
          imports: [readModels, eventStore, messaging],
          inject: [ReadModelHealthIndicator, EventStoreHealthIndicator, MessagingHealthIndicator],
          readiness: (database: ReadModelHealthIndicator, store: EventStoreHealthIndicator, bus: MessagingHealthIndicator) => [
            () => database.pingCheck('database'),
            () => store.isReady('eventStore'),
            // Details: the transport, and the relay's lag (events and seconds behind).
            () => bus.isReady('messaging'),
          ],
        }),
      ],
    };
  }
}
