import type { DataSource } from 'typeorm';

/** The read-model schema of a data source, quoted for SQL (createReadModelDataSource always sets one). */
export function quotedSchemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('the outcomes read models need a data source with a schema');
  return `"${schema.replace(/"/g, '""')}"`;
}
