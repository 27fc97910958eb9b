import { rebuildService } from '@stepwell/service-host';
import { loadConsultationsConfig } from '../config';
import { consultationsEventStore } from '../shared/event-store-options';
import { consultationsReadModels } from '../read-models/read-models';

/**
 * `npm run rebuild -- consultations [projection]` (node services/consultations/dist/cli/rebuild.js): the service has no projections yet,
 * so it reports that there is nothing to rebuild; its first projection is listed here and in its ProjectionRunner.
 */
void rebuildService({
  name: 'consultations',
  config: () => loadConsultationsConfig(),
  readModels: consultationsReadModels,
  eventStore: consultationsEventStore,
  projections: () => [],
});
