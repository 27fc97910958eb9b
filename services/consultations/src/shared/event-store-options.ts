import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import type { ConsultationsConfig } from '../config';

/**
 * The consultations service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const CONSULTATIONS_EVENT_STORE_SCHEMA = 'consultations_events';

export function consultationsEventStore(config: ConsultationsConfig): EventStoreModuleOptions {
  return eventStoreOptionsFrom(config, CONSULTATIONS_EVENT_STORE_SCHEMA);
}
