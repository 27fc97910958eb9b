import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { CreateMessagingTables1763700000000 } from '@stepwell/messaging';
import { CreateProjectionCheckpoints1763700000000, ProjectionCheckpoint, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import type { ReferralsConfig } from '../config';
import { EpisodeWaitingRow } from './episode-waiting.entity';
import { CreateReferralQueue1763800000000 } from './migrations/1763800000000-create-referral-queue.migration';
import { CreateEpisodeWaiting1763800000001 } from './migrations/1763800000001-create-episode-waiting.migration';
import { CreateNotificationRequests1763800000002 } from './migrations/1763800000002-create-notification-requests.migration';
import { ReferralQueueRow } from './referral-queue.entity';
import { CreateOrganisationRegistry1764600000001 } from './migrations/1764600000001-create-organisation-registry.migration';
import { NotificationDeliveryState1764700000001 } from './migrations/1764700000001-notification-delivery-state.migration';
import { CreatePatientLookup1764800000101 } from './migrations/1764800000101-create-patient-lookup.migration';
import { ReferralQueueIncomplete1764900000101 } from './migrations/1764900000101-referral-queue-incomplete.migration';
import { OrganisationRow } from '../shared/organisation-row.entity';
// Gap watch (issue 18).
import { CareThreadRefusalRow, CareThreadRow } from './care-thread.entities';
import { CreateCareThreads1765000000181 } from './migrations/1765000000181-create-care-threads.migration';
// One step from advice to action (issue 16 item 5).
import { CreateKnownConsultations1765100000231 } from './migrations/1765100000231-create-known-consultations.migration';
// Gap watch (issue 18 item 4): the age band of each refusal, and the national data opt-out for the gap metrics.
import { CareThreadRefusalAgeBand1765200000181 } from './migrations/1765200000181-care-thread-refusal-age-band.migration';
import { OrganisationCommissioningArea1765400000181 } from './migrations/1765400000181-organisation-commissioning-area.migration';
import { CreatePatientContacts1765300000001 } from './migrations/1765300000001-create-patient-contacts.migration';
import { CreateSocialPrescriptionFacts1765400000171 } from './migrations/1765400000171-create-social-prescription-facts.migration';
import { CreateDirectoryServices1765500000171 } from './migrations/1765500000171-create-directory-services.migration';
// One step from advice to action for MDT decisions (issue 16 item 6).
import { CreateKnownMdtCases1765600000211 } from './migrations/1765600000211-create-known-mdt-cases.migration';
import { CreateSecondaryUseOptOuts1765000000000 } from '@stepwell/personal-data';

/** Everything the referrals schema holds; new read models add their entity here. */
export const REFERRALS_ENTITIES = [
  ProjectionCheckpoint,
  CareRelationshipEntity,
  ReferralQueueRow,
  EpisodeWaitingRow,
  OrganisationRow,
  // Gap watch (issue 18): care-seeking threads and their refusals.
  CareThreadRow,
  CareThreadRefusalRow,
];

/**
 * Checked-in migrations; TypeORM applies pending ones in timestamp order. The care-relationship table (who may
 * see which patient's records) comes from @stepwell/access and lives in this service's own schema.
 */
export const REFERRALS_MIGRATIONS = [
  CreateProjectionCheckpoints1763700000000,
  ...CARE_RELATIONSHIP_MIGRATIONS,
  // The messaging inbox and dead-letter tables (@stepwell/messaging), in this schema too.
  CreateMessagingTables1763700000000,
  // The triage queue, and the episodes' waiting times.
  CreateReferralQueue1763800000000,
  CreateEpisodeWaiting1763800000001,
  // The table-backed notification port (acknowledgement letters and messages); not a read model, never rebuilt.
  CreateNotificationRequests1763800000002,
  // The organisation registry (who may receive referrals).
  CreateOrganisationRegistry1764600000001,
  // The notification sender's attempts, backoff and failures (issue 12 item 18).
  NotificationDeliveryState1764700000001,
  // The patient index's lookup by match key (issue 14: one indexed query per referral).
  CreatePatientLookup1764800000101,
  // Incomplete referrals in the triage queue: flag, missing answers, urgency unknown until completed (issue 12 item 9).
  ReferralQueueIncomplete1764900000101,
  // Gap watch (issue 18): care-seeking threads and their refusals.
  CreateCareThreads1765000000181,
  // Issue 16 item 5: the consultations referrals knows of, and step-change proposals from their outcomes.
  CreateKnownConsultations1765100000231,
  // Gap watch (issue 18 item 4): the national data opt-out (the platform's table) and each refusal's age band.
  CreateSecondaryUseOptOuts1765000000000,
  CareThreadRefusalAgeBand1765200000181,
  // Gap watch (issue 18 item 4, `area=`): the commissioner whose area each organisation is in.
  OrganisationCommissioningArea1765400000181,
  // Retention's last contact (H-RT2): contacts other services report.
  CreatePatientContacts1765300000001,
  // Issue 17, the closed loop: what the directory publishes about a person's social prescriptions, for the journey.
  CreateSocialPrescriptionFacts1765400000171,
  // Issue 17 item 4: the directory services referrals knows, which triage's signpost must name.
  CreateDirectoryServices1765500000171,
  // Issue 16 item 6: the MDT cases referrals knows of (the evidence of the referrals their decisions made).
  CreateKnownMdtCases1765600000211,
];

/** The referrals read-model database: schema "referrals", its entities and migrations. */
export function referralsReadModels(config: ReferralsConfig): ReadModelDataSourceOptions {
  return { service: 'referrals', url: config.DATABASE_URL, entities: REFERRALS_ENTITIES, migrations: REFERRALS_MIGRATIONS };
}
