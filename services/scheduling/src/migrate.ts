import { ConfigError } from '@stepwell/config';
import { migrateEventStore } from '@stepwell/event-store';
import { migrateReadModels } from '@stepwell/read-models';
import { loadSchedulingConfig } from './config';
import { SCHEDULING_EVENT_STORE_SCHEMA } from './event-store-options';
import { schedulingReadModels } from './read-models/read-models';

/**
 * `node services/scheduling/dist/migrate.js`: applies pending migrations and exits, for a launcher or a deployment
 * step that migrates before new instances start (the service also migrates at start, under a lock).
 */
const describe = (applied: string[]) => (applied.length ? `applied ${applied.join(', ')}` : 'up to date');

async function main(): Promise<void> {
  const config = loadSchedulingConfig();
  const readModels = await migrateReadModels(schedulingReadModels(config));
  process.stdout.write(`scheduling: read models (schema scheduling): ${describe(readModels)}\n`);
  if (config.EVENT_STORE === 'postgres') {
    const store = await migrateEventStore(config.DATABASE_URL, SCHEDULING_EVENT_STORE_SCHEMA);
    process.stdout.write(`scheduling: event store (schema ${SCHEDULING_EVENT_STORE_SCHEMA}): ${describe(store.applied)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`scheduling: cannot migrate.\n${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`scheduling: migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
