import type { RebuildServiceOptions } from '@stepwell/service-host';
import type { DirectoryConfig } from '../config';
import { directoryEventStore } from '../shared/event-store-options';
import { DirectoryProjection } from './directory.projection';
import { SocialPrescriptionProjection } from './social-prescription.projection';
import { directoryReadModels } from './read-models';

/** What `npm run rebuild -- directory [projection]` rebuilds: the projections the service runs live. */
export const DIRECTORY_REBUILD: RebuildServiceOptions<DirectoryConfig> = {
  name: 'directory',
  readModels: directoryReadModels,
  eventStore: directoryEventStore,
  projections: () => [new DirectoryProjection(), new SocialPrescriptionProjection()],
};
