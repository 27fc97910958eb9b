import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { OutcomesConfig } from './config';
import { outcomesEventStore } from './event-store-options';
import { outcomesMessaging } from './integration/outcomes-messaging';
import { outcomesReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: OutcomesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: outcomesReadModels(config),
        eventStore: outcomesEventStore(config),
        messaging: (imports) => outcomesMessaging(config, imports),
      }),
    };
  }
}
