import { rebuildService } from '@stepwell/service-host';
import { loadReferralsConfig } from '../config';
import { REFERRALS_REBUILD } from '../read-models/rebuild-read-models';

/** `npm run rebuild -- referrals [projection]` (node services/referrals/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({ ...REFERRALS_REBUILD, config: () => loadReferralsConfig() });
