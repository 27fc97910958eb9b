import { ConfigError } from '@stepwell/config';
import { migrateEventStore } from '@stepwell/event-store';
import { migrateReadModels } from '@stepwell/read-models';
import { loadOutcomesConfig } from './config';
import { OUTCOMES_EVENT_STORE_SCHEMA } from './event-store-options';
import { outcomesReadModels } from './read-models/read-models';

/**
 * `node services/outcomes/dist/migrate.js`: applies pending migrations and exits, for a launcher or a deployment
 * step that migrates before new instances start (the service also migrates at start, under a lock).
 */
const describe = (applied: string[]) => (applied.length ? `applied ${applied.join(', ')}` : 'up to date');

async function main(): Promise<void> {
  const config = loadOutcomesConfig();
  const readModels = await migrateReadModels(outcomesReadModels(config));
  process.stdout.write(`outcomes: read models (schema outcomes): ${describe(readModels)}\n`);
  if (config.EVENT_STORE === 'postgres') {
    const store = await migrateEventStore(config.DATABASE_URL, OUTCOMES_EVENT_STORE_SCHEMA);
    process.stdout.write(`outcomes: event store (schema ${OUTCOMES_EVENT_STORE_SCHEMA}): ${describe(store.applied)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`outcomes: cannot migrate.\n${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`outcomes: migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
