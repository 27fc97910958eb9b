import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Column, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner } from 'typeorm';
import { migrateReadModels, openReadModelDataSource, runMigrations } from './read-model-data-source';

@Entity('visit_count')
class VisitCount {
  @PrimaryColumn('text')
  page!: string;

  @Column('integer')
  visits!: number;
}

class CreateVisitCount1763700000000 implements MigrationInterface {
  name = 'CreateVisitCount1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE "sample"."visit_count" (page text PRIMARY KEY, visits integer NOT NULL)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "sample"."visit_count"');
  }
}

describe('read-model data source', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('read_models');
  });
  afterEach(() => database.drop());

  const options = () => ({
    service: 'sample',
    url: database.url,
    entities: [VisitCount],
    migrations: [CreateVisitCount1763700000000],
  });

  it('creates the service schema, applies its migrations there and reads and writes through it', async () => {
    const dataSource = await openReadModelDataSource(options());
    try {
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'sample' ORDER BY table_name`,
      );
      expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(['migrations', 'visit_count']);
      await dataSource.getRepository(VisitCount).save({ page: 'home', visits: 3 });
      const [row] = await dataSource.query('SELECT visits FROM sample.visit_count');
      expect(row).toEqual({ visits: 3 });
    } finally {
      await dataSource.destroy();
    }
  });

  it('applies each migration once, however often and however concurrently it starts', async () => {
    const [first, second] = await Promise.all([openReadModelDataSource(options()), openReadModelDataSource(options())]);
    try {
      expect(await runMigrations(first)).toEqual([]);
      const applied = await first.query('SELECT name FROM sample.migrations');
      expect(applied).toEqual([{ name: 'CreateVisitCount1763700000000' }]);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('migrates from a CLI: applies what is pending, then reports nothing to do', async () => {
    expect(await migrateReadModels(options())).toEqual(['CreateVisitCount1763700000000']);
    expect(await migrateReadModels(options())).toEqual([]);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openReadModelDataSource({ ...options(), service: 'Sample"; DROP' })).rejects.toThrow(/SQL identifier/);
  });
});
