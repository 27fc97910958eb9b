import { rebuildService } from '@stepwell/service-host';
import { loadSchedulingConfig } from '../config';
import { SCHEDULING_REBUILD } from '../read-models/rebuild-read-models';

/** `npm run rebuild -- scheduling [projection]` (node services/scheduling/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({ ...SCHEDULING_REBUILD, config: () => loadSchedulingConfig() });
