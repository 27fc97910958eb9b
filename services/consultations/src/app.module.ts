import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { ConsultationsConfig } from './config';
import { consultationsEventStore } from './shared/event-store-options';
import { consultationsMessaging } from './integration/consultations-messaging';
import { consultationsReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: ConsultationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: consultationsReadModels(config),
        eventStore: consultationsEventStore(config),
        messaging: (imports) => consultationsMessaging(config, imports),
      }),
    };
  }
}
