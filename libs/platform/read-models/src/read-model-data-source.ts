import { postgresPoolSettings } from '@stepwell/config';
import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';
import { schemaOf } from './read-model-schema';

/** An entity class (TypeORM reads its decorators). */
export type EntityClass = abstract new (...args: never[]) => object;
/** A checked-in migration class. */
export type MigrationClass = new () => MigrationInterface;

export interface ReadModelDataSourceOptions {
  /** The owning service's name; also its PostgreSQL schema, where all its read-model tables live. */
  service: string;
  /** PostgreSQL connection string. */
  url: string;
  entities: MixedList<EntityClass | EntitySchema>;
  /** Checked-in migration classes, applied in timestamp order. */
  migrations: MixedList<MigrationClass>;
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A TypeORM data source confined to the service's own schema. `synchronize` stays off: the schema changes only
 * through checked-in migrations, so what runs in production is what was reviewed.
 * Not yet connected: use `openReadModelDataSource` (connects, creates the schema, migrates).
 */
export function createReadModelDataSource(options: ReadModelDataSourceOptions): DataSource {
  if (!SCHEMA_NAME.test(options.service)) {
    throw new Error(`Read-model schema name must be a lower-case SQL identifier, got "${options.service}"`);
  }
  const pool = postgresPoolSettings();
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.service,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false, // run by openReadModelDataSource, under a lock, after the schema exists
    applicationName: `stepwell-${options.service}`,
    connectTimeoutMS: 5_000,
    // Bounded, and no statement or idle transaction runs without end (DATABASE_* variables).
    poolSize: options.poolSize ?? pool.max,
    extra: { statement_timeout: pool.statement_timeout, idle_in_transaction_session_timeout: pool.idle_in_transaction_session_timeout, connectionTimeoutMillis: pool.connectionTimeoutMillis },
  });
}

/**
 * Creates the schema when missing and applies pending migrations. Holds a PostgreSQL advisory lock keyed by the
 * schema meanwhile, so that several instances of a service starting together migrate once, one after another.
 * Returns the names of the migrations applied now.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  if (!schema || !SCHEMA_NAME.test(schema)) throw new Error('runMigrations needs a data source with a valid schema');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`stepwell.read-models.${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`stepwell.read-models.${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

/** Connects, creates the schema if missing and migrates: what a service does at start. */
export async function openReadModelDataSource(options: ReadModelDataSourceOptions): Promise<DataSource> {
  const dataSource = createReadModelDataSource(options);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** For a launcher or CLI: connects, migrates, disconnects. Returns the names of the migrations applied now. */
export async function migrateReadModels(options: ReadModelDataSourceOptions): Promise<string[]> {
  const dataSource = createReadModelDataSource(options);
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
