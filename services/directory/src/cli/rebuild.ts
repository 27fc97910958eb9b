import { rebuildService } from '@stepwell/service-host';
import { loadDirectoryConfig } from '../config';
import { directoryEventStore } from '../shared/event-store-options';
import { directoryReadModels } from '../read-models/read-models';

/**
 * `npm run rebuild -- directory [projection]` (node services/directory/dist/cli/rebuild.js): the service has no projections yet,
 * so it reports that there is nothing to rebuild; its first projection is listed here and in its ProjectionRunner.
 */
void rebuildService({
  name: 'directory',
  config: () => loadDirectoryConfig(),
  readModels: directoryReadModels,
  eventStore: directoryEventStore,
  projections: () => [],
});
