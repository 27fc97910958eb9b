import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule, authConfigFrom } from '@stepwell/access';
import { EVENT_STORE, type EventStore, EventStoreHealthIndicator, EventStoreModule } from '@stepwell/event-store';
import { HealthModule } from '@stepwell/http';
import { MessagingHealthIndicator, ServiceMessagingModule } from '@stepwell/messaging';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import type { ReferralsConfig } from './config';
import { referralsEventStore } from './event-store-options';
import { referralsMessaging } from './integration/referrals-messaging';
import { GetReferralController } from './get-referral/get-referral.controller';
import { GetReferralQuery } from './get-referral/get-referral.query';
import { referralsReadModels } from './read-models/read-models';
import { ReceiveReferralController } from './receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './receive-referral/receive-referral.handler';
import { referralCommandsProvider } from './referral-commands';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.controller';
import { WithdrawReferralHandler } from './withdraw-referral/withdraw-referral.handler';

@Module({})
export class AppModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    // One module object each, imported wherever needed: the service has one pool and one event store.
    const readModels = ReadModelsModule.forRoot(referralsReadModels(config));
    const eventStore = EventStoreModule.forRoot(referralsEventStore(config));
    const messaging = ServiceMessagingModule.forRoot(referralsMessaging(config, [readModels, eventStore]));
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
      controllers: [ReceiveReferralController, WithdrawReferralController, GetReferralController],
      providers: [referralCommandsProvider, ReceiveReferralHandler, WithdrawReferralHandler, GetReferralQuery],
    };
  }
}
