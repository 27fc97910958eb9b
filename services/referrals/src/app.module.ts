import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '@stepwell/http';
import { servicePlatformModules } from '@stepwell/service-host';
import {
  CARE_THREAD_POLICY,
  careThreadPolicyOf,
  CRISIS_TIMER_POLICY,
  ERASURE_OVERDUE_POLICY,
  erasureOverduePolicyOf,
  NOTIFICATION_SENDING,
  notificationSendingOf,
  TEST_ORGANISATIONS,
  type ReferralsConfig,
} from './config';
import { referralsEventStore, referralsPersonalData } from './shared/event-store-options';
import { referralsMessaging } from './integration/referrals-messaging';
import { notificationDeliveryProvider } from './notifications/notification-delivery.provider';
import { referralsReadModels } from './read-models/read-models';
import { REFERRALS_CONTROLLERS, REFERRALS_PROVIDERS } from './shared/referrals-features';
import { erasureConfirmingProvider } from './shared/patient-erasure.handler';
import { referralsSubjectAccessProvider } from './subject-access-export/referrals-subject-access.sentences';
import { SubjectAccessExportController } from './subject-access-export/subject-access-export.controller';
import { SubjectAccessExports, subjectAccessExportProviders } from './subject-access-export/subject-access-export.handler';

@Module({})
export class AppModule {
  /** `clock`: where handlers read the time (tests pass one they move); the system clock by default. */
  static forRoot(config: ReferralsConfig, options: { clock?: Clock } = {}): DynamicModule {
    // One key store per process: the event store's codec seals and opens with it, erasure shreds in it.
    const personalData = referralsPersonalData(config);
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: referralsReadModels(config),
        eventStore: referralsEventStore(config, personalData),
        messaging: (imports) => referralsMessaging(config, imports),
      }),
      // Issue 15 item 4: the subject access export.
      controllers: [...REFERRALS_CONTROLLERS, SubjectAccessExportController],
      providers: [
        ...REFERRALS_PROVIDERS,
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        personalData.provider,
        // Issue 15 item 2: the services expected to confirm an erasure (ERASURE_CONFIRMING_SERVICES).
        erasureConfirmingProvider(config),
        // H-PD5: when an erasure's awaited confirmations are overdue (ERASURE_OVERDUE_DAYS) and how often to look.
        { provide: ERASURE_OVERDUE_POLICY, useValue: erasureOverduePolicyOf(config) },
        { provide: TEST_ORGANISATIONS, useValue: config.REFERRALS_TEST_ORGANISATIONS },
        { provide: CRISIS_TIMER_POLICY, useValue: { checkEverySeconds: config.CRISIS_TIMER_CHECK_EVERY_SECONDS } },
        // Issue 12 item 18: the adapter that sends the requested letters and messages, and the sender's policy.
        notificationDeliveryProvider(config),
        { provide: NOTIFICATION_SENDING, useValue: notificationSendingOf(config) },
        // Gap watch (issue 18): the care-thread overdue check's schedule and waits.
        { provide: CARE_THREAD_POLICY, useValue: careThreadPolicyOf(config) },
        // Issue 15 item 4: the subject access export and referrals' sentences for it.
        SubjectAccessExports,
        ...subjectAccessExportProviders(config),
        referralsSubjectAccessProvider,
      ],
    };
  }
}
