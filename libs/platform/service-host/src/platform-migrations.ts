import type { ReadModelDataSourceOptions } from '@stepwell/read-models';
import { TRANSPARENCY_MIGRATIONS } from '@stepwell/transparency';

/**
 * A service's read-model options with the migrations of the platform parts every service gets from here (the
 * transparency log's tables), so the service lists only its own. Used wherever the schema is opened: the app
 * module, `migrate` and `rebuild`.
 */
export function withPlatformMigrations(options: ReadModelDataSourceOptions): ReadModelDataSourceOptions {
  const own = Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations);
  const names = new Set(own.map((migration) => (typeof migration === 'function' ? migration.name : String(migration))));
  return { ...options, migrations: [...own, ...TRANSPARENCY_MIGRATIONS.filter((migration) => !names.has(migration.name))] };
}
