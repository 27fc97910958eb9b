import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { servicePlatformModules } from '@stepwell/service-host';
import { REPLY_WINDOW_POLICY, type DirectoryConfig } from './config';
import { DIRECTORY_CONTROLLERS, DIRECTORY_PROVIDERS, DIRECTORY_PUBLIC_CONTROLLERS } from './shared/directory-feature';
import { PublicCorsMiddleware } from './shared/public-cors.middleware';
import { directoryEventStore, directoryPersonalData } from './shared/event-store-options';
import { directoryMessaging } from './integration/directory-messaging';
import { DirectoryErasureConsumer, DirectoryOptOutConsumer } from './integration/referrals-events.consumer';
import { directoryReadModels } from './read-models/read-models';
import { directorySubjectAccessProviders } from './shared/subject-access.sentences';
import { JourneyController } from './journey/journey.controller';

@Module({})
export class AppModule implements NestModule {
  /** The public ORUK reads answer any web page (CORS `*`), errors included. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PublicCorsMiddleware).forRoutes(...DIRECTORY_PUBLIC_CONTROLLERS);
  }

  /** `clock`: where handlers read the time (tests pass one they move); the system clock by default. */
  static forRoot(config: DirectoryConfig, options: { clock?: Clock } = {}): DynamicModule {
    // One key store per process: the event store's codec seals and opens social prescriptions' personal fields with it.
    const personalData = directoryPersonalData(config);
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: directoryReadModels(config),
        eventStore: directoryEventStore(config, personalData),
        messaging: (imports) => directoryMessaging(config, imports),
      }),
      controllers: [...DIRECTORY_CONTROLLERS, JourneyController, DirectoryOptOutConsumer, DirectoryErasureConsumer],
      providers: [
        ...DIRECTORY_PROVIDERS,
        ...directorySubjectAccessProviders,
        personalData.provider,
        { provide: REPLY_WINDOW_POLICY, useValue: { checkEverySeconds: config.SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS } },
        ...(options.clock ? [{ provide: CLOCK, useValue: options.clock }] : []),
      ],
    };
  }
}
