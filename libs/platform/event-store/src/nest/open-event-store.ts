import { withEventCodec } from '../codec/event-codec';
import type { EventStore } from '../event-store.port';
import { createEventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { createPostgresEventStore } from '../postgres/postgres-event-store';
import { EventStoreOptionsError, type EventStoreModuleOptions } from './event-store-options';

/**
 * Opens the adapter the options name (the postgres adapter migrates its schema on creation, under a lock), with the
 * options' codec on every append and read.
 */
export async function openEventStore(options: EventStoreModuleOptions): Promise<EventStore> {
  const store = await openAdapter(options);
  if (!options.codec) return store;
  try {
    return withEventCodec(store, await options.codec(store));
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openAdapter(options: EventStoreModuleOptions): Promise<EventStore> {
  switch (options.eventStore) {
    case 'postgres':
      return createPostgresEventStore({ connectionString: options.databaseUrl, schema: options.schema });
    case 'eventstoredb':
      if (!options.eventStoreConnectionString) {
        throw new EventStoreOptionsError('eventStoreConnectionString is required for the eventstoredb adapter');
      }
      return createEventStoreDbEventStore({ connectionString: options.eventStoreConnectionString });
    default: {
      const unknown: never = options.eventStore;
      throw new EventStoreOptionsError(`Unknown event store kind ${JSON.stringify(unknown)}`);
    }
  }
}
