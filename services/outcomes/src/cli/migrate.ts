import { migrateService } from '@stepwell/service-host';
import { loadOutcomesConfig } from '../config';
import { OUTCOMES_EVENT_STORE_SCHEMA } from '../shared/event-store-options';
import { outcomesReadModels } from '../read-models/read-models';

/** `node services/outcomes/dist/cli/migrate.js`: applies pending migrations and exits (see migrateService). */
void migrateService({
  name: 'outcomes',
  config: () => loadOutcomesConfig(),
  readModels: outcomesReadModels,
  eventStoreSchema: OUTCOMES_EVENT_STORE_SCHEMA,
});
