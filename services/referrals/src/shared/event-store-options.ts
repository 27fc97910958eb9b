import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import type { ReferralsConfig } from '../config';

/**
 * The referrals service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const REFERRALS_EVENT_STORE_SCHEMA = 'referrals_events';

export function referralsEventStore(config: ReferralsConfig): EventStoreModuleOptions {
  return eventStoreOptionsFrom(config, REFERRALS_EVENT_STORE_SCHEMA);
}
