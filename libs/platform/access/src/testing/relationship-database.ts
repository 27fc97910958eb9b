import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { DataSource } from 'typeorm';
import { CareRelationshipEntity } from '../relationships/care-relationship.entity';
import { CARE_RELATIONSHIP_MIGRATIONS } from '../relationships/create-care-relationship.migration';

export interface RelationshipDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh database with a service-like schema holding the care-relationship projection, migrated the way a service migrates. */
export async function createRelationshipDatabase(label: string, schema = 'service_under_test'): Promise<RelationshipDatabase> {
  const database = await createTestDatabase(label);
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    schema,
    entities: [CareRelationshipEntity],
    migrations: [...CARE_RELATIONSHIP_MIGRATIONS],
  });
  await dataSource.initialize();
  // TypeORM keeps its migrations table in the service schema, so the schema exists before the first migration.
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations();
  return {
    database,
    dataSource,
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
