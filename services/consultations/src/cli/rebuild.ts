import { rebuildService } from '@stepwell/service-host';
import { loadConsultationsConfig } from '../config';
import { consultationsEventStore } from '../shared/event-store-options';
import { ConsultationsProjection } from '../read-models/consultations.projection';
import { consultationsReadModels } from '../read-models/read-models';

/** `npm run rebuild -- consultations [projection]` (node services/consultations/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({
  name: 'consultations',
  config: () => loadConsultationsConfig(),
  readModels: consultationsReadModels,
  eventStore: consultationsEventStore,
  projections: () => [new ConsultationsProjection()],
});
