import { migrateService } from '@stepwell/service-host';
import { loadSchedulingConfig } from '../config';
import { SCHEDULING_EVENT_STORE_SCHEMA } from '../shared/event-store-options';
import { schedulingReadModels } from '../read-models/read-models';

/** `node services/scheduling/dist/cli/migrate.js`: applies pending migrations and exits (see migrateService). */
void migrateService({
  name: 'scheduling',
  config: () => loadSchedulingConfig(),
  readModels: schedulingReadModels,
  eventStoreSchema: SCHEDULING_EVENT_STORE_SCHEMA,
});
