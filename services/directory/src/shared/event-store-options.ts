import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import type { DirectoryConfig } from '../config';

/**
 * The directory service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const DIRECTORY_EVENT_STORE_SCHEMA = 'directory_events';

export function directoryEventStore(config: DirectoryConfig): EventStoreModuleOptions {
  return eventStoreOptionsFrom(config, DIRECTORY_EVENT_STORE_SCHEMA);
}
