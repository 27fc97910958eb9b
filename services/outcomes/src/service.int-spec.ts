import type { INestApplication } from '@nestjs/common';
import { PROBLEM_TYPE_BASE, createTestApp } from '@stepwell/http';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './http-options';

describe('the outcomes service', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase('outcomes');
    app = await createTestApp(AppModule.forRoot(loadOutcomesConfig(undefined, { DATABASE_URL: database.url })), OUTCOMES_HTTP);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is live', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready while its database answers', async () => {
    const response = await http().get('/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('migrated its own schema at start', async () => {
    const dataSource = app.get(DataSource);
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'outcomes'`);
    expect(tables.map((row: { table_name: string }) => row.table_name).sort()).toEqual(['migrations', 'projection_checkpoints']);
  });

  it('serves its OpenAPI UI at /docs and the document at /docs-json', async () => {
    const ui = await http().get('/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    const document = await http().get('/docs-json').expect(200);
    expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Stepwell outcomes' } });
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const response = await http().get('/no-such-thing').expect(404).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}not-found`, title: 'Not Found', status: 404 });
  });

  // Last: it takes the database away.
  it('is not ready once its database is unreachable, and says so as a 503 problem document', async () => {
    await database.drop();
    const response = await http().get('/ready').expect(503).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}not-ready`,
      status: 503,
      checks: { database: { status: 'down' } },
    });
  });
});
