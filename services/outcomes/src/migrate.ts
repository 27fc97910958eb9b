import { ConfigError } from '@stepwell/config';
import { migrateReadModels } from '@stepwell/read-models';
import { loadOutcomesConfig } from './config';
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
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`outcomes: cannot migrate.\n${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`outcomes: migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
