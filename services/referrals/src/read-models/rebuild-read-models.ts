import { rebuildReadModels, type RebuildServiceOptions } from '@stepwell/service-host';
import type { RebuildResult } from '@stepwell/read-models';
import type { ReferralsConfig } from '../config';
import { referralsEventStore } from '../shared/event-store-options';
import { referralsReadModels } from './read-models';
import { ReferralsProjection } from './referrals-projection';
import { CareThreadsProjection } from './care-threads-projection';
import { SecondaryUseOptOutsProjection } from './secondary-use-opt-outs-projection';

/** What `npm run rebuild -- referrals [projection]` rebuilds: the projections the service runs live. */
export const REFERRALS_REBUILD: RebuildServiceOptions<ReferralsConfig> = {
  name: 'referrals',
  readModels: referralsReadModels,
  // With the personal-data codec: rebuilt rows read what the log reads now ([erased] after an erasure).
  eventStore: (config) => referralsEventStore(config),
  // Gap watch (issue 18): the care threads too (`referrals.care-threads`), and the national data opt-out its metrics honour.
  projections: ({ store }) => [new ReferralsProjection(store), new CareThreadsProjection(), new SecondaryUseOptOutsProjection()],
};

/** Rebuilds the referrals read models (all, or the projection named) from the event store; safe while the service runs. */
export function rebuildReferralsReadModels(config: ReferralsConfig, projection?: string): Promise<RebuildResult[]> {
  return rebuildReadModels(REFERRALS_REBUILD, config, projection);
}
