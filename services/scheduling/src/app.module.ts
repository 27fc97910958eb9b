import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { SchedulingConfig } from './config';
import { schedulingEventStore } from './event-store-options';
import { ReferralsConsumer } from './integration/referrals.consumer';
import { schedulingMessaging } from './integration/scheduling-messaging';
import { schedulingReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: SchedulingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: schedulingReadModels(config),
        eventStore: schedulingEventStore(config),
        messaging: (imports) => schedulingMessaging(config, imports),
      }),
      // Message handlers (@OnIntegrationEvent), connected to the transport by runService in main.ts (startServiceConsumers).
      controllers: [ReferralsConsumer],
    };
  }
}
