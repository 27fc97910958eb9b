import { rebuildService } from '@stepwell/service-host';
import { loadConsultationsConfig } from '../config';
import { CONSULTATIONS_REBUILD } from '../read-models/rebuild-read-models';

/** `npm run rebuild -- consultations [projection]` (node services/consultations/dist/cli/rebuild.js): rebuilds the read models and exits. */
void rebuildService({ ...CONSULTATIONS_REBUILD, config: () => loadConsultationsConfig() });
