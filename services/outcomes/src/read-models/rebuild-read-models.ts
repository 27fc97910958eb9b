import type { RebuildResult } from '@stepwell/read-models';
import { rebuildReadModels, type RebuildServiceOptions } from '@stepwell/service-host';
import type { OutcomesConfig } from '../config';
import { outcomesEventStore } from '../shared/event-store-options';
import { outcomesReadModels } from './read-models';
import { OutcomesProjection } from './outcomes.projection';

/** What `npm run rebuild -- outcomes [projection]` rebuilds: the projections the service runs live. */
export const OUTCOMES_REBUILD: RebuildServiceOptions<OutcomesConfig> = {
  name: 'outcomes',
  readModels: outcomesReadModels,
  eventStore: outcomesEventStore,
  projections: () => [new OutcomesProjection()],
};

/** Rebuilds the outcomes read models (all, or the projection named) from the event store; safe while the service runs. */
export function rebuildOutcomesReadModels(config: OutcomesConfig, projection?: string): Promise<RebuildResult[]> {
  return rebuildReadModels(OUTCOMES_REBUILD, config, projection);
}
