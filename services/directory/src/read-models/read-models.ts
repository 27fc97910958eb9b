import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { CreateMessagingTables1763700000000 } from '@stepwell/messaging';
import { CreateSecondaryUseOptOuts1765000000000 } from '@stepwell/personal-data';
import { CreateProjectionCheckpoints1763700000000, ProjectionCheckpoint, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import type { DirectoryConfig } from '../config';
import { CreateDirectoryListings1765100000000 } from './migrations/1765100000000-create-directory-listings.migration';
import { CreateSocialPrescriptions1765200000000 } from './migrations/1765200000000-create-social-prescriptions.migration';

/** Everything the directory schema holds that TypeORM maps; the listing tables are read with SQL (queries in shared/). */
export const DIRECTORY_ENTITIES = [ProjectionCheckpoint, CareRelationshipEntity];

/**
 * Checked-in migrations; TypeORM applies pending ones in timestamp order. The care-relationship table (who may
 * see which patient's records) comes from @stepwell/access and lives in this service's own schema.
 */
export const DIRECTORY_MIGRATIONS = [
  CreateProjectionCheckpoints1763700000000,
  ...CARE_RELATIONSHIP_MIGRATIONS,
  // The messaging inbox and dead-letter tables (@stepwell/messaging), in this schema too.
  CreateMessagingTables1763700000000,
  // People with a national data opt-out (@stepwell/personal-data), for the listing statistics.
  CreateSecondaryUseOptOuts1765000000000,
  CreateDirectoryListings1765100000000,
  CreateSocialPrescriptions1765200000000,
];

/** The directory read-model database: schema "directory", its entities and migrations. */
export function directoryReadModels(config: DirectoryConfig): ReadModelDataSourceOptions {
  return { service: 'directory', url: config.DATABASE_URL, entities: DIRECTORY_ENTITIES, migrations: DIRECTORY_MIGRATIONS };
}
