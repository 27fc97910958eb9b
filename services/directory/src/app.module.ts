import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { DirectoryConfig } from './config';
import { directoryEventStore } from './shared/event-store-options';
import { directoryMessaging } from './integration/directory-messaging';
import { directoryReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: directoryReadModels(config),
        eventStore: directoryEventStore(config),
        messaging: (imports) => directoryMessaging(config, imports),
      }),
    };
  }
}
