import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { CreateMessagingTables1763700000000 } from '@stepwell/messaging';
import { CreateSecondaryUseOptOuts1765000000000 } from '@stepwell/personal-data';
import { CreateProjectionCheckpoints1763700000000, ProjectionCheckpoint, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import type { ConsultationsConfig } from '../config';
import { CreateConsultationsReadModels1766000000000 } from './migrations/1766000000000-create-consultations-read-models.migration';
import { CreateConsultationOffers1766000000100 } from './migrations/1766000000100-create-consultation-offers.migration';
import { AddAnswerSpecialism1766000000300 } from './migrations/1766000000300-add-answer-specialism.migration';
import { CreateMdtReadModels1766000000200 } from './migrations/1766000000200-create-mdt-read-models.migration';
import { CreateReferralRateFacts1766000000600 } from './migrations/1766000000600-create-referral-rate-facts.migration';

/** Everything the consultations schema holds; new read models add their entity here. */
export const CONSULTATIONS_ENTITIES = [ProjectionCheckpoint, CareRelationshipEntity];

/**
 * Checked-in migrations; TypeORM applies pending ones in timestamp order. The care-relationship table (who may
 * see which patient's records) comes from @stepwell/access and lives in this service's own schema.
 */
export const CONSULTATIONS_MIGRATIONS = [
  CreateProjectionCheckpoints1763700000000,
  ...CARE_RELATIONSHIP_MIGRATIONS,
  // The messaging inbox and dead-letter tables (@stepwell/messaging), in this schema too.
  CreateMessagingTables1763700000000,
  // Offerings and the consultations worklist (ConsultationsProjection; raw SQL, no entities).
  CreateConsultationsReadModels1766000000000,
  // The national data opt-out (@stepwell/personal-data), which the metrics leave out.
  CreateSecondaryUseOptOuts1765000000000,
  // Offers of consultation, and the episodes and measures the consumers keep to make them.
  CreateConsultationOffers1766000000100,
  // MDT case discussions: meetings, cases and the owners' actions.
  CreateMdtReadModels1766000000200,
  // The answering specialist's specialism (metrics by specialism).
  AddAnswerSpecialism1766000000300,
  // Referrals received and the registry's organisation types (metrics: secondary care referral rate per practice).
  CreateReferralRateFacts1766000000600,
];

/** The consultations read-model database: schema "consultations", its entities and migrations. */
export function consultationsReadModels(config: ConsultationsConfig): ReadModelDataSourceOptions {
  return { service: 'consultations', url: config.DATABASE_URL, entities: CONSULTATIONS_ENTITIES, migrations: CONSULTATIONS_MIGRATIONS };
}
