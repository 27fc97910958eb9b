import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventCodec } from '@stepwell/event-store';
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
  codec: () => Promise<EventCodec>;
  /** Provides `DATA_KEY_STORE` (one key store per service process, shared with the codec and closed with the store). */
  provider: Provider;
}

/** A service's personal-data keys and codec, opened once, on first use. */
export function servicePersonalData(options: PersonalDataOptions): ServicePersonalData {
  let keys: Promise<DataKeyStore> | undefined;
  const open = (): Promise<DataKeyStore> =>
    (keys ??= DataKeyStore.open({
      databaseUrl: options.config.DATABASE_URL,
      schema: options.schema,
      keyEncryptionKeys: keyEncryptionKeysFrom(options.config),
    }));
  return {
    codec: async () => new PersonalDataCodec(await open(), options.fields),
    // After the event store (which opens it through its codec, once its own schema is migrated).
    provider: { provide: DATA_KEY_STORE, inject: [EVENT_STORE], useFactory: open },
  };
}
