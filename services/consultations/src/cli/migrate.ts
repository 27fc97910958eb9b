import { migrateService } from '@stepwell/service-host';
import { loadConsultationsConfig } from '../config';
import { CONSULTATIONS_EVENT_STORE_SCHEMA } from '../shared/event-store-options';
import { consultationsReadModels } from '../read-models/read-models';

/** `node services/consultations/dist/cli/migrate.js`: applies pending migrations and exits (see migrateService). */
void migrateService({
  name: 'consultations',
  config: () => loadConsultationsConfig(),
  readModels: consultationsReadModels,
  eventStoreSchema: CONSULTATIONS_EVENT_STORE_SCHEMA,
});
