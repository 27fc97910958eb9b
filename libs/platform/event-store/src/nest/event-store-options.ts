import type { EventCodec } from '../codec/event-codec';
import type { EventStore } from '../event-store.port';
/** Which adapter a service's event store uses, and where its streams live. */
export interface EventStoreModuleOptions {
  eventStore: 'postgres' | 'eventstoredb';
  /** PostgreSQL connection string (the postgres adapter). */
  databaseUrl: string;
  /** Required with `eventstoredb`. */
  eventStoreConnectionString?: string;
  /**
   * The service's own event-store schema, `<service>_events`: even on a shared database no other service reads
   * its streams (services learn from each other through integration events only). Postgres adapter only.
   */
  schema: string;
  /**
   * The stored form of events (e.g. `@stepwell/personal-data`'s field encryption), opened with the store (given the
   * adapter, whose pool it may share) and closed with it; every read and append of the port goes through it.
   */
  codec?: (store: EventStore) => Promise<EventCodec>;
}

/** Nest token of the service's `EventStore` (the port; the adapter is chosen by `eventStore`). */
export const EVENT_STORE = 'EVENT_STORE';

/** The `eventstoredb` adapter was chosen without a connection string. */
export class EventStoreOptionsError extends Error {
  readonly code = 'EVENT_STORE_OPTIONS_INVALID' as const;

  constructor(message: string) {
    super(message);
    this.name = 'EventStoreOptionsError';
  }
}

/** The shared service variables these options come from (`commonVariables` of `@stepwell/config`). */
export interface EventStoreVariables {
  EVENT_STORE: 'postgres' | 'eventstoredb';
  DATABASE_URL: string;
  EVENTSTORE_CONNECTION_STRING?: string | undefined;
}

/** A service's options from its validated configuration and its own schema (`<service>_events`). */
export function eventStoreOptionsFrom(config: EventStoreVariables, schema: string): EventStoreModuleOptions {
  return {
    eventStore: config.EVENT_STORE,
    databaseUrl: config.DATABASE_URL,
    ...(config.EVENTSTORE_CONNECTION_STRING ? { eventStoreConnectionString: config.EVENTSTORE_CONNECTION_STRING } : {}),
    schema,
  };
}
