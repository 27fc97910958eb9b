import { migrateService } from '@stepwell/service-host';
import { loadReferralsConfig } from '../config';
import { REFERRALS_EVENT_STORE_SCHEMA } from '../shared/event-store-options';
import { referralsReadModels } from '../read-models/read-models';

/** `node services/referrals/dist/cli/migrate.js`: applies pending migrations and exits (see migrateService). */
void migrateService({
  name: 'referrals',
  config: () => loadReferralsConfig(),
  readModels: referralsReadModels,
  eventStoreSchema: REFERRALS_EVENT_STORE_SCHEMA,
});
