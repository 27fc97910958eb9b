import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { SchedulingConfig } from './config';
import { schedulingEventStore } from './shared/event-store-options';
import { ReferralsConsumer, SchedulingOptOutConsumer } from './integration/referrals.consumer';
import { schedulingMessaging } from './integration/scheduling-messaging';
import { schedulingReadModels } from './read-models/read-models';
import { SCHEDULING_CONTROLLERS, SCHEDULING_PROVIDERS } from './shared/scheduling-feature';
import { CLOCK, type Clock } from '@stepwell/http';
import { schedulingSubjectAccessProvider } from './shared/subject-access.sentences';

@Module({})
export class AppModule {
  /** `clock`: where handlers read the time (tests pass one they move); the system clock by default. */
  static forRoot(config: SchedulingConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: schedulingReadModels(config),
        eventStore: schedulingEventStore(config),
        messaging: (imports) => schedulingMessaging(config, imports),
      }),
      // Message handlers (@OnIntegrationEvent), connected to the transport by runService in main.ts (startServiceConsumers).
      // The national data opt-out (issue 15 item 5): kept for the waits metrics, which leave opted-out people out.
      controllers: [ReferralsConsumer, ...SCHEDULING_CONTROLLERS, SchedulingOptOutConsumer],
      providers: [...SCHEDULING_PROVIDERS, schedulingSubjectAccessProvider, ...(options.clock ? [{ provide: CLOCK, useValue: options.clock }] : [])],
    };
  }
}
