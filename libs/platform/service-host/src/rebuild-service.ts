import { ConfigError } from '@stepwell/config';
import { type EventStore, type EventStoreModuleOptions, openEventStore } from '@stepwell/event-store';
import { openReadModelDataSource, type Projection, ProjectionRunner, type ReadModelDataSourceOptions, type RebuildResult, UnknownProjectionError } from '@stepwell/read-models';
import { TransparencyLogProjection, TransparencyTree } from '@stepwell/transparency';
import type { DataSource } from 'typeorm';
import { withPlatformMigrations } from './platform-migrations';
import type { ServiceConfig } from './service-config';

export interface RebuildServiceOptions<Config extends ServiceConfig> {
  /** The service's name, which prefixes every line written. */
  name: string;
  readModels: (config: Config) => ReadModelDataSourceOptions;
  eventStore: (config: Config) => EventStoreModuleOptions;
  /** The service's projections, as its module builds them (the same classes the live runner applies). */
  projections: (deps: { store: EventStore; dataSource: DataSource; config: Config }) => readonly Projection[];
}

/**
 * Rebuilds a service's projections (all, or the one named) from its event store, each in one transaction, through
 * the runner the service runs live: safe while the service runs. Returns what each rebuild reached.
 */
export async function rebuildReadModels<Config extends ServiceConfig>(
  options: RebuildServiceOptions<Config>,
  config: Config,
  projection?: string,
): Promise<RebuildResult[]> {
  const dataSource = await openReadModelDataSource(withPlatformMigrations(options.readModels(config)));
  try {
    const store = await openEventStore(options.eventStore(config));
    try {
      // The platform's transparency tree only when named (`npm run rebuild -- <service> transparency.log`): it replays
      // the whole log to the same leaves, so a routine rebuild of the service's own read models leaves it alone.
      const own = options.projections({ store, dataSource, config });
      const transparency = new TransparencyLogProjection(TransparencyTree.of(dataSource));
      const projections = projection === transparency.name ? [...own, transparency] : own;
      return await new ProjectionRunner({ store, dataSource, projections }).rebuild(projection);
    } finally {
      await store.close();
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The whole `rebuild.ts` of a service (`npm run rebuild -- <service> [projection]`): rebuilds and exits. A
 * configuration problem exits with 78 (EX_CONFIG), an unknown projection with 64 (EX_USAGE), any other failure
 * with 1 (its name and code only: a message could quote data).
 */
export function rebuildService<Config extends ServiceConfig>(options: RebuildServiceOptions<Config> & { config: () => Config }): Promise<void> {
  const projection = process.argv[2];
  return (async () => {
    const results = await rebuildReadModels(options, options.config(), projection);
    if (results.length === 0) process.stdout.write(`${options.name}: no projections to rebuild\n`);
    for (const result of results) {
      process.stdout.write(`${options.name}: ${result.projection} v${result.version} rebuilt from the event store up to position ${result.position}\n`);
    }
  })().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: cannot rebuild.\n${error.message}\n`);
      process.exit(78);
    }
    if (error instanceof UnknownProjectionError) {
      process.stderr.write(`${options.name}: ${error.message}\n`);
      process.exit(64);
    }
    const code = (error as { code?: unknown } | null)?.code;
    const name = error instanceof Error ? error.name : 'unknown error';
    process.stderr.write(`${options.name}: rebuild failed: ${typeof code === 'string' ? `${name} (${code})` : name}\n`);
    process.exit(1);
  });
}
