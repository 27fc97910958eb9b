import type { RebuildResult } from '@stepwell/read-models';
import { rebuildReadModels, type RebuildServiceOptions } from '@stepwell/service-host';
import type { SchedulingConfig } from '../config';
import { schedulingEventStore } from '../shared/event-store-options';
import { schedulingReadModels } from './read-models';
import { SchedulingProjection } from './scheduling.projection';

/** What `npm run rebuild -- scheduling [projection]` rebuilds: the projections the service runs live. */
export const SCHEDULING_REBUILD: RebuildServiceOptions<SchedulingConfig> = {
  name: 'scheduling',
  readModels: schedulingReadModels,
  eventStore: schedulingEventStore,
  projections: () => [new SchedulingProjection()],
};

/** Rebuilds the scheduling read models (all, or the projection named) from the event store; safe while the service runs. */
export function rebuildSchedulingReadModels(config: SchedulingConfig, projection?: string): Promise<RebuildResult[]> {
  return rebuildReadModels(SCHEDULING_REBUILD, config, projection);
}
