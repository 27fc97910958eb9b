import { CreateOutcomesReadModels1763800000000 } from './migrations/1763800000000-create-outcomes-read-models.migration';
import { RiskAddressingAndRecordedVersions1764900000000 } from './migrations/1764900000000-risk-addressing-and-recorded-versions.migration';

/** The outcomes service's own read-model migrations, listed after the platform ones in read-models.ts. */
export const OUTCOMES_OWN_MIGRATIONS = [CreateOutcomesReadModels1763800000000, RiskAddressingAndRecordedVersions1764900000000];
