import { ErasureOverdueCheck } from '../patient-erasure/erasure-overdue.check';
import type { Provider, Type } from '@nestjs/common';
import { projectionRunnerProvider } from '@stepwell/read-models';
import { ReferralsAccessTargets, referralsAccessTargetsProvider } from '../access/referrals-access-targets';
import { episodeCommandsProvider } from './episode-commands';
import { OrganisationRegistry } from './organisation-registry';
import { OrganisationsController } from '../organisations/organisations.controller';
import { EpisodeActionsController } from '../episodes/episode-actions.controller';
import { CrisisTimerBreachCheck } from '../episodes/crisis-timer-breach.check';
import { EpisodeCommands } from '../episodes/episode-commands.service';
import { EpisodeQueriesController } from '../episodes/episode-queries.controller';
import { WaitingListController } from '../episodes/waiting-list.controller';
import { GetReferralController } from '../get-referral/get-referral.controller';
import { GetReferralQuery } from '../get-referral/get-referral.query';
import { SchedulingEventsConsumer } from '../integration/scheduling-events.consumer';
import { JourneyController } from '../journey/journey.controller';
import { JourneyQuery } from '../journey/journey.query';
import { NotificationSender } from '../notifications/notification-sender';
import { PatientCare } from './open-care';
import { PatientIndex } from './patient-index';
import { PatientMergeController } from '../patient-index/patient-merge.controller';
import { PatientMergeHandler } from '../patient-index/patient-merge.handler';
import { PatientErasureController } from '../patient-erasure/patient-erasure.controller';
import { PatientErasureHandler, patientErasureCommandsProvider } from './patient-erasure.handler';
import { ReferralsProjection } from '../read-models/referrals-projection';
import { ReceiveReferralController } from '../receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './receive-referral.handler';
import { referralCommandsProvider } from './referral-commands';
import { SelfReferralController } from '../self-referral/self-referral.controller';
import { TriageQueueController } from '../triage-queue/triage-queue.controller';
import { TriageQueueQueryService } from '../triage-queue/triage-queue.query';
import { TriageReferralController } from '../triage-referral/triage-referral.controller';
import { TriageReferralHandler } from '../triage-referral/triage-referral.handler';
import { VerifyIdentityController } from '../verify-identity/verify-identity.controller';
import { VerifyIdentityHandler } from '../verify-identity/verify-identity.handler';
import { ReferralAction } from './referral-action';
import { WithdrawReferralController } from '../withdraw-referral/withdraw-referral.controller';
import { WithdrawReferralHandler } from '../withdraw-referral/withdraw-referral.handler';
import { CompleteReferralController } from '../complete-referral/complete-referral.controller';
import { CompleteReferralHandler } from '../complete-referral/complete-referral.handler';
import { RetentionController } from '../retention/retention.controller';
import { NationalDataOptOutController } from '../national-data-opt-out/national-data-opt-out.controller';
import { NationalDataOptOutHandler, optOutCommandsProvider } from '../national-data-opt-out/national-data-opt-out.handler';
import { RetentionService, retentionCommandsProvider } from '../retention/retention.service';
import { ConsentsController } from '../consents/consents.controller';
import { ConsentsHandler, consentsCommandsProvider } from '../consents/consents.handler';
// Gap watch (issue 18): care-seeking threads, their overdue check, the referrer's and the commissioner's views.
import { CareThreadReactor, careThreadCommandsProvider } from '../care-threads/care-thread-watch';
import { CareThreadOverdueCheck } from '../care-threads/care-thread-overdue.check';
import { CareThreadQuery } from '../care-threads/care-thread.query';
import { CareThreadsController } from '../care-threads/care-threads.controller';
import { CloseCareThreadHandler } from '../care-threads/close-care-thread.handler';
import { GapMetricsController } from '../gap-metrics/gap-metrics.controller';
import { CareThreadsProjection } from '../read-models/care-threads-projection';
import { SecondaryUseOptOutsProjection } from '../read-models/secondary-use-opt-outs-projection';
// One step from advice to action (issue 16 item 5): consultations referrals knows of, and step-change proposals.
import { ConsultationEvidence } from '../shared/consultation-evidence';
import { KnownConsultations } from '../shared/known-consultations';
import { KnownMdtCases } from '../shared/known-mdt-cases';
import { DirectoryServices } from '../shared/directory-services';
import { ConsultationReferralIntake } from '../shared/consultation-referral-intake';
import { StepChangeProposalsController } from '../episodes/step-change-proposals.controller';
import { ConsultationsEventsConsumer } from '../integration/consultations-events.consumer';
// Gap watch (issue 18): social prescriptions accepted (directory topic) resolve care-seeking threads.
import { DirectoryEventsConsumer } from '../integration/directory-events.consumer';
import { ErasureConfirmationsConsumer } from '../integration/erasure-confirmations.consumer';
import { OutcomesEventsConsumer } from '../integration/outcomes-events.consumer';
import { PatientContacts } from './patient-contacts';
import { SocialPrescriptionFacts } from './social-prescription-facts';

/** The service's own HTTP routes (the app module adds them to the platform modules). */
export const REFERRALS_CONTROLLERS: Type<unknown>[] = [
  ReceiveReferralController,
  TriageQueueController,
  WithdrawReferralController,
  // Issue 12 item 9: the missing answers of an incomplete referral.
  CompleteReferralController,
  TriageReferralController,
  VerifyIdentityController,
  GetReferralController,
  WaitingListController,
  EpisodeQueriesController,
  EpisodeActionsController,
  JourneyController,
  SelfReferralController,
  OrganisationsController,
  PatientMergeController,
  // Issue 15: erasure by shredding the person's keys.
  PatientErasureController,
  // Issue 15 item 3: retention periods, legal holds and reviews.
  RetentionController,
  // Issue 15 item 5: the national data opt-out, published so every service leaves the person out of secondary uses.
  NationalDataOptOutController,
  // Issue 15 item 5: consent to share (honoured by the access policy everywhere) and to SMS/email contact.
  ConsentsController,
  // Message handlers (connected to the scheduling topic by startServiceConsumers in main).
  SchedulingEventsConsumer,
  // Gap watch (issue 18): the referrer's care threads and the commissioner's gap metrics.
  CareThreadsController,
  GapMetricsController,
  // Issue 16 item 5: step-change proposals from consultations, and the consultations topic's message handlers.
  StepChangeProposalsController,
  ConsultationsEventsConsumer,
  // Gap watch (issue 18): the directory topic's message handlers (social prescriptions accepted).
  DirectoryEventsConsumer,
  // Retention (H-RT2): the outcomes topic's measures, each a contact.
  OutcomesEventsConsumer,
  // Issue 15 item 2: every key-holding service's confirmation of an erasure (on its own topic).
  ErasureConfirmationsConsumer,
];

/** The service's own providers. */
export const REFERRALS_PROVIDERS: Provider[] = [
  referralCommandsProvider,
  episodeCommandsProvider,
  PatientIndex,
  PatientMergeHandler,
  PatientCare,
  patientErasureCommandsProvider,
  PatientErasureHandler,
  retentionCommandsProvider,
  RetentionService,
  PatientContacts,
  SocialPrescriptionFacts,
  optOutCommandsProvider,
  NationalDataOptOutHandler,
  consentsCommandsProvider,
  ConsentsHandler,
  ReferralsProjection,
  // Gap watch (issue 18): the care-threads read model, and the reactor that follows every refusal.
  CareThreadsProjection,
  careThreadCommandsProvider,
  CareThreadReactor,
  // Keeps the read models from the log; handlers wait on it for their own writes.
  // The national data opt-out in the platform's table, for the gap metrics' `notOptedOut` clause (issue 18 item 4).
  SecondaryUseOptOutsProjection,
  projectionRunnerProvider({ projections: [ReferralsProjection, CareThreadsProjection, SecondaryUseOptOutsProjection], reactors: [CareThreadReactor] }),
  ReceiveReferralHandler,
  ReferralAction,
  WithdrawReferralHandler,
  CompleteReferralHandler,
  VerifyIdentityHandler,
  GetReferralQuery,
  TriageQueueQueryService,
  TriageReferralHandler,
  EpisodeCommands,
  // Issue 12 item 15: a passing crisis timer becomes a CrisisTimerBreached event, once per timer.
  CrisisTimerBreachCheck,
  JourneyQuery,
  OrganisationRegistry,
  // What the access policy needs to know about a referral, episode or patient (ACCESS_TARGET_RESOLVER).
  ReferralsAccessTargets,
  referralsAccessTargetsProvider,
  // Drains the requests through the configured delivery adapter (NOTIFICATIONS_DELIVERY).
  NotificationSender,
  // Gap watch (issue 18): the referrer's view and close, and the overdue check (CARE_THREAD_CHECK_EVERY_SECONDS).
  CareThreadQuery,
  CloseCareThreadHandler,
  CareThreadOverdueCheck,
  // Issue 15 item 2, H-PD5: erasures whose confirmations stay awaited are noticed.
  ErasureOverdueCheck,
  // Issue 16 item 5: the consultations referrals knows of, checked as a step change's evidence.
  KnownConsultations,
  ConsultationReferralIntake,
  // Issue 16 item 6: the MDT cases referrals knows of, the evidence of the referrals their decisions made.
  KnownMdtCases,
  // Issue 17 item 4: the directory services a signpost may name (from the directory's events).
  DirectoryServices,
  ConsultationEvidence,
];
