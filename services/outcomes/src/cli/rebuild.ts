import { rebuildService } from '@stepwell/service-host';
import { loadOutcomesConfig } from '../config';
import { OUTCOMES_REBUILD } from '../read-models/rebuild-read-models';

/** `npm run rebuild -- outcomes [projection]` (node services/outcomes/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({ ...OUTCOMES_REBUILD, config: () => loadOutcomesConfig() });
