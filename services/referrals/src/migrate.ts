import { ConfigError } from '@stepwell/config';
import { migrateEventStore } from '@stepwell/event-store';
import { migrateReadModels } from '@stepwell/read-models';
import { loadReferralsConfig } from './config';
import { REFERRALS_EVENT_STORE_SCHEMA } from './event-store-options';
import { referralsReadModels } from './read-models/read-models';

/**
 * `node services/referrals/dist/migrate.js`: applies pending migrations and exits, for a launcher or a deployment
 * step that migrates before new instances start (the service also migrates at start, under a lock).
 */
const describe = (applied: string[]) => (applied.length ? `applied ${applied.join(', ')}` : 'up to date');

async function main(): Promise<void> {
  const config = loadReferralsConfig();
  const readModels = await migrateReadModels(referralsReadModels(config));
  process.stdout.write(`referrals: read models (schema referrals): ${describe(readModels)}\n`);
  if (config.EVENT_STORE === 'postgres') {
    const store = await migrateEventStore(config.DATABASE_URL, REFERRALS_EVENT_STORE_SCHEMA);
    process.stdout.write(`referrals: event store (schema ${REFERRALS_EVENT_STORE_SCHEMA}): ${describe(store.applied)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`referrals: cannot migrate.\n${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`referrals: migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
