import { CreateSecondaryUseOptOuts1765000000000 } from '@stepwell/personal-data';
import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { CreateMessagingTables1763700000000 } from '@stepwell/messaging';
import { CreateProjectionCheckpoints1763700000000, ProjectionCheckpoint, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import type { SchedulingConfig } from '../config';
import { CreateReferralIntake1763800000000 } from './migrations/1763800000000-create-referral-intake.migration';
import { ReferralIntakeEntity } from './referral-intake.entity';
import { CreateFollowUp1764100000000 } from './migrations/1764100000000-create-follow-up.migration';
import { CreateNotifications1764200000000 } from './migrations/1764200000000-create-notifications.migration';
import { CreateRefillOffers1764300000000 } from './migrations/1764300000000-create-refill-offers.migration';
import { CreateWaitingList1764000000000 } from './migrations/1764000000000-create-waiting-list.migration';
import { CreateSchedulingReadModels1763900000000 } from './1763900000000-create-scheduling-read-models.migration';

/** Everything the scheduling schema holds; new read models add their entity here. */
export const SCHEDULING_ENTITIES = [ProjectionCheckpoint, CareRelationshipEntity, ReferralIntakeEntity];

/**
 * Checked-in migrations; TypeORM applies pending ones in timestamp order. The care-relationship table (who may
 * see which patient's records) comes from @stepwell/access and lives in this service's own schema.
 */
export const SCHEDULING_MIGRATIONS = [
  CreateProjectionCheckpoints1763700000000,
  ...CARE_RELATIONSHIP_MIGRATIONS,
  // The messaging inbox and dead-letter tables (@stepwell/messaging), in this schema too.
  CreateMessagingTables1763700000000,
  CreateReferralIntake1763800000000,
  // Clinicians, slots and appointments (SchedulingProjection; raw SQL, no entities).
  CreateSchedulingReadModels1763900000000,
  // The waiting list (EpisodesConsumer, from the referrals service's episode events).
  CreateWaitingList1764000000000,
  // Did-not-attend follow-up tasks and engagement reviews (SchedulingProjection).
  CreateFollowUp1764100000000,
  // Appointment reminders recorded by the default notification adapter.
  CreateNotifications1764200000000,
  // Freed slots offered to people waiting.
  CreateRefillOffers1764300000000,
  // The national data opt-out (issue 15 item 5; @stepwell/personal-data): the waits metrics leave opted-out people out.
  CreateSecondaryUseOptOuts1765000000000,
];

/** The scheduling read-model database: schema "scheduling", its entities and migrations. */
export function schedulingReadModels(config: SchedulingConfig): ReadModelDataSourceOptions {
  return { service: 'scheduling', url: config.DATABASE_URL, entities: SCHEDULING_ENTITIES, migrations: SCHEDULING_MIGRATIONS };
}
