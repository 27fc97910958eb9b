import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { servicePlatformModules } from '@stepwell/service-host';
import type { ConsultationsConfig } from './config';
import { consultationsMessaging } from './integration/consultations-messaging';
import { OutcomesEventsConsumer } from './integration/outcomes-events.consumer';
import { ConsultationsErasureConsumer, ConsultationsOptOutConsumer, ReferralsEventsConsumer } from './integration/referrals-events.consumer';
import { consultationsReadModels } from './read-models/read-models';
import { CONSULTATIONS_CONTROLLERS, consultationsProviders } from './shared/consultations-feature';
import { consultationsEventStore, consultationsPersonalData } from './shared/event-store-options';
import { consultationsSubjectAccessProviders } from './shared/subject-access.sentences';
import { JourneyController } from './journey/journey.controller';
import { consultationsAccessTargetsProvider } from './shared/consultations-access-targets';

@Module({})
export class AppModule {
  /**
   * `clock`: where handlers read the time (tests pass one they move); `breachCheckEverySeconds`: how often the due-time
   * breach check runs (default 60; 0 for tests, which run it with instants from their clock).
   */
  static forRoot(config: ConsultationsConfig, options: { clock?: Clock; breachCheckEverySeconds?: number } = {}): DynamicModule {
    // One key store per process: the event store's codec seals and opens free text with it.
    const personalData = consultationsPersonalData(config);
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: consultationsReadModels(config),
        eventStore: consultationsEventStore(config, personalData),
        messaging: (imports) => consultationsMessaging(config, imports),
      }),
      controllers: [...CONSULTATIONS_CONTROLLERS, JourneyController, ConsultationsOptOutConsumer, ConsultationsErasureConsumer, ReferralsEventsConsumer, OutcomesEventsConsumer],
      providers: [
        ...consultationsProviders(options.breachCheckEverySeconds === undefined ? {} : { breachCheckEverySeconds: options.breachCheckEverySeconds }),
        ...(options.clock ? [{ provide: CLOCK, useValue: options.clock }] : []),
        personalData.provider,
        ...consultationsSubjectAccessProviders,
        ...consultationsAccessTargetsProvider,
      ],
    };
  }
}
