import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { assertNever, CommandHandler } from '@stepwell/decider';
import { createEventStoreDbEventStore, createPostgresEventStore, type EventStore } from '@stepwell/event-store';
import type { ReferralsConfig } from './config';
import { referralDecider } from './domain/referral.decider';

/** Nest token of the service's `EventStore` (the port; the adapter is chosen by EVENT_STORE). */
export const EVENT_STORE = 'EVENT_STORE';
/** Nest token of the referral `CommandHandler` (read, fold, decide, append with the expected revision). */
export const REFERRAL_COMMANDS = 'REFERRAL_COMMANDS';

/**
 * The referrals service keeps its streams in its own schema of the PostgreSQL adapter, so that even on a
 * shared database no other service reads them (they learn through integration events only).
 */
export const REFERRALS_EVENT_STORE_SCHEMA = 'referrals_events';

export async function openEventStore(config: ReferralsConfig): Promise<EventStore> {
  switch (config.EVENT_STORE) {
    case 'postgres':
      // Migrates the store's own tables on creation (idempotent, under an advisory lock).
      return createPostgresEventStore({ connectionString: config.DATABASE_URL, schema: REFERRALS_EVENT_STORE_SCHEMA });
    case 'eventstoredb':
      // The configuration already refused eventstoredb without a connection string; this narrows the type.
      if (!config.EVENTSTORE_CONNECTION_STRING) throw new Error('EVENTSTORE_CONNECTION_STRING is required');
      return createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_CONNECTION_STRING });
    default:
      return assertNever(config.EVENT_STORE, 'EVENT_STORE');
  }
}

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({})
export class ReferralsEventStoreModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    return {
      module: ReferralsEventStoreModule,
      providers: [
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        {
          provide: REFERRAL_COMMANDS,
          useFactory: (store: EventStore) => new CommandHandler(store, referralDecider),
          inject: [EVENT_STORE],
        },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, REFERRAL_COMMANDS],
    };
  }
}
