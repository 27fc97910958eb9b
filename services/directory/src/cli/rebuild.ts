import { rebuildService } from '@stepwell/service-host';
import { loadDirectoryConfig } from '../config';
import { DIRECTORY_REBUILD } from '../read-models/rebuild-read-models';

/** `npm run rebuild -- directory [projection]` (node services/directory/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({ ...DIRECTORY_REBUILD, config: () => loadDirectoryConfig() });
