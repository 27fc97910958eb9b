import { ConfigError } from '@stepwell/config';
import { migrateEventStore } from '@stepwell/event-store';
import { migrateReadModels, type ReadModelDataSourceOptions } from '@stepwell/read-models';
import { withPlatformMigrations } from './platform-migrations';
import type { ServiceConfig } from './service-config';

export interface MigrateServiceOptions<Config extends ServiceConfig> {
  /** The service's name, which prefixes every line written. */
  name: string;
  /** Reads and validates the service's configuration (throws `ConfigError`). */
  config: () => Config;
  readModels: (config: Config) => ReadModelDataSourceOptions;
  /** The PostgreSQL schema of the service's own event store (migrated only with EVENT_STORE=postgres). */
  eventStoreSchema: string;
}

const describeApplied = (applied: string[]) => (applied.length ? `applied ${applied.join(', ')}` : 'up to date');

async function migrate<Config extends ServiceConfig>(options: MigrateServiceOptions<Config>): Promise<void> {
  const config = options.config();
  const readModelOptions = withPlatformMigrations(options.readModels(config));
  const readModels = await migrateReadModels(readModelOptions);
  process.stdout.write(`${options.name}: read models (schema ${readModelOptions.service}): ${describeApplied(readModels)}\n`);
  if (config.EVENT_STORE === 'postgres') {
    const store = await migrateEventStore(config.DATABASE_URL, options.eventStoreSchema);
    process.stdout.write(`${options.name}: event store (schema ${options.eventStoreSchema}): ${describeApplied(store.applied)}\n`);
  }
}

/**
 * The whole `migrate.ts` of a service (`node services/<name>/dist/cli/migrate.js`): applies pending migrations and
 * exits, for a launcher or a deployment step that migrates before new instances start (the service also migrates
 * at start, under a lock). A configuration problem exits with 78 (EX_CONFIG), any other failure with 1.
 */
export function migrateService<Config extends ServiceConfig>(options: MigrateServiceOptions<Config>): Promise<void> {
  return migrate(options).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: cannot migrate.\n${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${options.name}: migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
