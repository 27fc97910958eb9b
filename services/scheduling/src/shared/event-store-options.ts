import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import type { SchedulingConfig } from '../config';

/**
 * The scheduling service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const SCHEDULING_EVENT_STORE_SCHEMA = 'scheduling_events';

export function schedulingEventStore(config: SchedulingConfig): EventStoreModuleOptions {
  return eventStoreOptionsFrom(config, SCHEDULING_EVENT_STORE_SCHEMA);
}
