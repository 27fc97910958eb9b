import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { CreateProjectionCheckpoints1763700000000 } from './create-projection-checkpoints.migration';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';
import { openReadModelDataSource } from './read-model-data-source';

describe('the projection-checkpoints migration', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('checkpoints');
  });
  afterAll(() => database.drop());

  const open = (service: string) =>
    openReadModelDataSource({ service, url: database.url, entities: [ProjectionCheckpoint], migrations: [CreateProjectionCheckpoints1763700000000] });

  it('creates the checkpoint table in the schema of whichever service runs it, where the entity reads and writes it', async () => {
    const [first, second] = [await open('first_service'), await open('second_service')];
    try {
      const tables = await first.query(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'projection_checkpoints' ORDER BY table_schema`,
      );
      expect(tables).toEqual([{ table_schema: 'first_service' }, { table_schema: 'second_service' }]);
      await first.getRepository(ProjectionCheckpoint).save({ projection: 'waiting-list', version: 1, position: 41, updatedAt: new Date() });
      expect(await first.getRepository(ProjectionCheckpoint).findOneByOrFail({ projection: 'waiting-list' })).toMatchObject({ position: 41 });
      expect(await second.getRepository(ProjectionCheckpoint).count()).toBe(0);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('is recorded under the name the per-service copies used, so schemas that ran one of them skip it', async () => {
    const dataSource = await open('third_service');
    try {
      expect(await dataSource.query('SELECT name FROM third_service.migrations')).toEqual([{ name: 'CreateProjectionCheckpoints1763700000000' }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
