import { migrateService } from '@stepwell/service-host';
import { loadDirectoryConfig } from '../config';
import { DIRECTORY_EVENT_STORE_SCHEMA } from '../shared/event-store-options';
import { directoryReadModels } from '../read-models/read-models';

/** `node services/directory/dist/cli/migrate.js`: applies pending migrations and exits (see migrateService). */
void migrateService({
  name: 'directory',
  config: () => loadDirectoryConfig(),
  readModels: directoryReadModels,
  eventStoreSchema: DIRECTORY_EVENT_STORE_SCHEMA,
});
