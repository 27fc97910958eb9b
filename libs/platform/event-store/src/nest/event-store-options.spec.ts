import { EventStoreOptionsError, eventStoreOptionsFrom } from './event-store-options';
import { openEventStore } from './open-event-store';

describe('event-store options for a service', () => {
  it('take the adapter and database from the service configuration and the schema from the service', () => {
    expect(
      eventStoreOptionsFrom({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/x', EVENTSTORE_CONNECTION_STRING: undefined }, 'outcomes_events'),
    ).toEqual({ eventStore: 'postgres', databaseUrl: 'postgres://db/x', schema: 'outcomes_events' });
    expect(
      eventStoreOptionsFrom(
        { EVENT_STORE: 'eventstoredb', DATABASE_URL: 'postgres://db/x', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' },
        'outcomes_events',
      ),
    ).toMatchObject({ eventStore: 'eventstoredb', eventStoreConnectionString: 'esdb://localhost:2113?tls=false' });
  });

  it('refuse to open EventStoreDB without a connection string', async () => {
    await expect(openEventStore({ eventStore: 'eventstoredb', databaseUrl: 'postgres://db/x', schema: 'x_events' })).rejects.toThrow(
      EventStoreOptionsError,
    );
  });
});
