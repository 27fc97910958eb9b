import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventCodec, type EventStore } from '@stepwell/event-store';
import { Pool } from 'pg';
import { DataKeyStore } from './data-key-store';
import { PersonalDataCodec, type PersonalFields } from './personal-data-codec';
import { keyEncryptionKeysFrom, type PersonalDataVariables } from './personal-data-variables';

/** Nest token of the service's `DataKeyStore` (the same one its event store's codec uses), for erasure. */
export const DATA_KEY_STORE = 'DATA_KEY_STORE';

export interface PersonalDataOptions {
  config: PersonalDataVariables & { DATABASE_URL: string };
  /** The service's own event-store schema: its key tables live beside its streams, never in another service's. */
  schema: string;
  fields: PersonalFields;
}

export interface ServicePersonalData {
  /** For `EventStoreModuleOptions.codec`: the store seals and opens personal fields with it. */
  codec: (store?: EventStore) => Promise<EventCodec>;
  /** Provides `DATA_KEY_STORE` (one key store per service process, shared with the codec and closed with the store). */
  provider: Provider;
}

/** A service's personal-data keys and codec, opened once, on first use. */
export function servicePersonalData(options: PersonalDataOptions): ServicePersonalData {
  let keys: Promise<DataKeyStore> | undefined;
  // The PostgreSQL adapter's pool is shared (no second pool of connections per service); another adapter gets its own.
  const open = (store?: EventStore): Promise<DataKeyStore> => {
    const pool = (store as { pool?: unknown } | undefined)?.pool;
    return (keys ??= DataKeyStore.open({
      ...(pool instanceof Pool ? { pool } : { databaseUrl: options.config.DATABASE_URL }),
      schema: options.schema,
      keyEncryptionKeys: keyEncryptionKeysFrom(options.config),
    }));
  };
  return {
    codec: async (store) => new PersonalDataCodec(await open(store), options.fields),
    // After the event store (which opens it through its codec, once its own schema is migrated).
    provider: { provide: DATA_KEY_STORE, inject: [EVENT_STORE], useFactory: () => open() },
  };
}
