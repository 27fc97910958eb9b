import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { CreateMessagingTables1763700000000 } from '@stepwell/messaging';
import { CreateProjectionCheckpoints1763700000000, ProjectionCheckpoint, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import type { OutcomesConfig } from '../config';
import { OUTCOMES_OWN_MIGRATIONS } from './outcomes-read-model-migrations';

/** Everything the outcomes schema holds; new read models add their entity here. */
export const OUTCOMES_ENTITIES = [ProjectionCheckpoint, CareRelationshipEntity];

/**
 * Checked-in migrations; TypeORM applies pending ones in timestamp order. The care-relationship table (who may
 * see which patient's records) comes from @stepwell/access and lives in this service's own schema.
 */
export const OUTCOMES_MIGRATIONS = [
  CreateProjectionCheckpoints1763700000000,
  ...CARE_RELATIONSHIP_MIGRATIONS,
  // The messaging inbox and dead-letter tables (@stepwell/messaging), in this schema too.
  CreateMessagingTables1763700000000,
  // Scores, risk alerts, episodes and outcomes per rule set (the tables are read and written with SQL).
  ...OUTCOMES_OWN_MIGRATIONS,
];

/** The outcomes read-model database: schema "outcomes", its entities and migrations. */
export function outcomesReadModels(config: OutcomesConfig): ReadModelDataSourceOptions {
  return { service: 'outcomes', url: config.DATABASE_URL, entities: OUTCOMES_ENTITIES, migrations: OUTCOMES_MIGRATIONS };
}
