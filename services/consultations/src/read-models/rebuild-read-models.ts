import type { RebuildResult } from '@stepwell/read-models';
import { rebuildReadModels, type RebuildServiceOptions } from '@stepwell/service-host';
import type { ConsultationsConfig } from '../config';
import { consultationsEventStore } from '../shared/event-store-options';
import { ConsultationOffersProjection } from './consultation-offers.projection';
import { ConsultationsProjection } from './consultations.projection';
import { MdtProjection } from './mdt.projection';
import { consultationsReadModels } from './read-models';

/** What `npm run rebuild -- consultations [projection]` rebuilds: the projections the service runs live. */
export const CONSULTATIONS_REBUILD: RebuildServiceOptions<ConsultationsConfig> = {
  name: 'consultations',
  readModels: consultationsReadModels,
  eventStore: consultationsEventStore,
  projections: () => [new ConsultationsProjection(), new ConsultationOffersProjection(), new MdtProjection()],
};

/** Rebuilds the consultations read models (all, or the projection named) from the event store; safe while the service runs. */
export function rebuildConsultationsReadModels(config: ConsultationsConfig, projection?: string): Promise<RebuildResult[]> {
  return rebuildReadModels(CONSULTATIONS_REBUILD, config, projection);
}
