import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The one way to learn which PostgreSQL schema a service's tables live in, and to splice it into SQL.
 *
 * Every service keeps its read models, inbox, outbox, checkpoints and relationship tables in its own schema (the
 * `schema` option `openReadModelDataSource` sets). Migrations receive a query runner, projections an entity manager,
 * queries the data source: all three reach the same option.
 */
export type SchemaSource = DataSource | EntityManager | QueryRunner;

/** Identifiers spliced into SQL: letters, digits and underscores only, so no quoting trick can escape them. */
const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function optionsOf(source: SchemaSource): { schema?: string } {
  if ('connection' in source && source.connection) return source.connection.options as { schema?: string };
  return (source as DataSource).options as { schema?: string };
}

function safe(identifier: string): string {
  if (!SAFE_IDENTIFIER.test(identifier)) throw new Error(`"${identifier}" is not a safe PostgreSQL identifier`);
  return identifier;
}

/** The schema the data source writes to, or undefined when it has none (tables found through the search path). */
export function schemaOf(source: SchemaSource): string | undefined {
  const schema = optionsOf(source).schema;
  return schema === undefined || schema === '' ? undefined : safe(schema);
}

/** The service's schema; throws when the data source has none (read models always live in a named schema). */
export function readModelSchema(source: SchemaSource): string {
  const schema = schemaOf(source);
  if (!schema) throw new Error('this table lives in a service schema, and the data source has none');
  return schema;
}

/** The service's schema quoted for SQL: `"referrals"`. */
export function quotedSchema(source: SchemaSource): string {
  return `"${readModelSchema(source)}"`;
}

/** `"schema"."table"`, or the bare quoted table when the data source has no schema. */
export function qualifiedTable(schema: string | undefined, table: string): string {
  return schema ? `"${safe(schema)}"."${safe(table)}"` : `"${safe(table)}"`;
}
