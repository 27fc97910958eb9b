import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { OutcomesConfig } from './config';
import { EpisodeOutcomesController } from './episode-outcomes/episode-outcomes.controller';
import { outcomesEventStore, outcomesPersonalData } from './shared/event-store-options';
import { CommunityWellbeingConsumer } from './integration/directory-events.consumer';
import { EpisodeEventsConsumer, OutcomesErasureConsumer, OutcomesOptOutConsumer } from './integration/episode-events.consumer';
import { outcomesMessaging } from './integration/outcomes-messaging';
import { IssueInvitationController, QuestionnaireLinkController } from './invitations/invitations.controller';
import { MeasuresController } from './measures/measures.controller';
import { outcomesProviders } from './shared/outcomes-providers';
import { QuestionnairesController } from './questionnaires/questionnaires.controller';
import { outcomesReadModels } from './read-models/read-models';
import { RecordResponseController } from './record-response/record-response.controller';
import { CareCoordinatorController } from './risk-alerts/care-coordinator.controller';
import { RiskAlertsController } from './risk-alerts/risk-alerts.controller';
import { ServiceOutcomesController } from './service-outcomes/service-outcomes.controller';
import { outcomesSubjectAccessProvider } from './shared/subject-access.sentences';
import { JourneyController } from './journey/journey.controller';

@Module({})
export class AppModule {
  /** `overrides` replace providers by token (tests inject a fixed clock or an extra rule set). */
  static forRoot(config: OutcomesConfig, overrides: Provider[] = []): DynamicModule {
    // One key store per process: the event store's codec seals and opens with it, erasure shreds in it.
    const personalData = outcomesPersonalData(config);
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: outcomesReadModels(config),
        eventStore: outcomesEventStore(config, personalData),
        messaging: (imports) => outcomesMessaging(config, imports),
      }),
      controllers: [
        QuestionnairesController,
        RecordResponseController,
        RiskAlertsController,
        CareCoordinatorController,
        EpisodeOutcomesController,
        MeasuresController,
        JourneyController,
        ServiceOutcomesController,
        IssueInvitationController,
        QuestionnaireLinkController,
        // Integration events from referrals (episodes) and scheduling (attendance).
        EpisodeEventsConsumer,
        // The national data opt-out (issue 15 item 5): kept for the aggregates, which leave opted-out people out.
        OutcomesOptOutConsumer,
        // An erasure decided in referrals (issue 15 item 2): shreds the person's keys here and confirms it.
        OutcomesErasureConsumer,
        // Social prescriptions' wellbeing measures from the directory (issue 17, the closed loop).
        CommunityWellbeingConsumer,
      ],
      providers: [...outcomesProviders(config), personalData.provider, outcomesSubjectAccessProvider, ...overrides],
    };
  }
}
