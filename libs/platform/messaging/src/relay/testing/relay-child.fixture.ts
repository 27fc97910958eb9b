// Runs a relay in its own process so that a test can SIGKILL it after a publish and before its checkpoint.
// Environment: DATABASE_URL, SUBSCRIPTION_ID, TOPIC, CATEGORY, BATCH_SIZE, HANG_AFTER_PUBLISHES (the nth publish resolves, is reported
// to the parent, and the process then hangs for ever inside the publisher: the checkpoint cannot move).
import { createPostgresEventStore } from '@stepwell/event-store';
import { createPostgresTransport } from '../../postgres/postgres-transport';
import type { IntegrationEvent, MessagePublisher } from '../../transport.port';
import { startRelay } from '../relay';
import { mapReferralEvent } from './relay.fixture';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const connectionString = env('DATABASE_URL');
  const hangAfter = Number(env('HANG_AFTER_PUBLISHES'));
  const store = await createPostgresEventStore({ connectionString, migrate: false });
  const transport = await createPostgresTransport({ connectionString, migrate: false });
  const real = transport.publisher();
  let publishes = 0;
  const publisher: MessagePublisher = {
    async publish(topic: string, events: readonly IntegrationEvent[]) {
      await real.publish(topic, events);
      publishes++;
      if (publishes >= hangAfter) {
        process.send?.({ kind: 'published', messageIds: events.map((e) => e.messageId) });
        await new Promise<never>(() => undefined);
      }
    },
  };
  await startRelay({
    store,
    subscriptionId: env('SUBSCRIPTION_ID'),
    categories: [env('CATEGORY')],
    map: mapReferralEvent,
    publisher,
    topic: env('TOPIC'),
    batchSize: Number(env('BATCH_SIZE')),
  });
  process.send?.({ kind: 'started' });
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
