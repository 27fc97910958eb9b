import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import type { OutcomesConfig } from '../config';

/**
 * The outcomes service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const OUTCOMES_EVENT_STORE_SCHEMA = 'outcomes_events';

export function outcomesEventStore(config: OutcomesConfig): EventStoreModuleOptions {
  return eventStoreOptionsFrom(config, OUTCOMES_EVENT_STORE_SCHEMA);
}
