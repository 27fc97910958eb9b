import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, users } from '@stepwell/access';
import { PROBLEM_TYPE_BASE, createTestApp } from '@stepwell/http';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './http-options';

describe('the outcomes service', () => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase('outcomes');
    issuer = createTestIssuer();
    const config = loadOutcomesConfig(undefined, { DATABASE_URL: database.url, ...issuer.env });
    app = await createTestApp(AppModule.forRoot(config), OUTCOMES_HTTP);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is live, without a token', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready while its database and its event store answer, without a token', async () => {
    const response = await http().get('/ready').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, eventStore: { status: 'up' }, messaging: { status: 'up', transport: 'postgres' } },
    });
  });

  it('migrated its own schema, with the care-relationship table, and its own event-store schema at start', async () => {
    const dataSource = app.get(DataSource);
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'outcomes'`);
    expect(tables.map((row: { table_name: string }) => row.table_name).sort()).toEqual([
      'care_relationship',
      'messaging_dead_letters',
      'messaging_inbox',
      'migrations',
      'projection_checkpoints',
    ]);
    const [eventStore] = await dataSource.query(
      `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'outcomes_events'`,
    );
    expect(eventStore.tables).toBeGreaterThan(0);
  });

  it('serves its OpenAPI UI at /docs and the document at /docs-json, without a token', async () => {
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

  it('answers a protected route without a token with a 401 problem document and a Bearer challenge', async () => {
    const response = await http().get('/audit/break-glass').expect(401).expect('content-type', /application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}unauthenticated`, status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers a protected route with an expired token with 401 saying why in the challenge', async () => {
    const response = await http()
      .get('/audit/break-glass')
      .set('Authorization', `Bearer ${await issuer.expiredToken(users.auditor)}`)
      .expect(401)
      .expect('content-type', /application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="stepwell", error="invalid_token", error_description="expired"');
    expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses the break-glass review to a non-auditor with 403', async () => {
    const response = await http()
      .get('/audit/break-glass')
      .set('Authorization', await issuer.bearer(users.gpClinician))
      .expect(403)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}forbidden-role`, status: 403, code: 'FORBIDDEN_ROLE' });
  });

  it('lists break-glass grants for an auditor, from its own event store', async () => {
    const response = await http().get('/audit/break-glass').set('Authorization', await issuer.bearer(users.auditor)).expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps /metrics and the dead-letter ops endpoints to the ops role, every caller authenticated', async () => {
    await http().get('/metrics').expect(401);
    await http().get('/ops/dead-letters').expect(401);
    const clinician = await issuer.bearer(users.gpClinician);
    await http().get('/metrics').set('Authorization', clinician).expect(403);
    await http().get('/ops/dead-letters').set('Authorization', clinician).expect(403);
    const ops = await issuer.bearer(users.commissioner);
    const metrics = await http().get('/metrics').set('Authorization', ops).expect(200);
    expect(metrics.text).toMatch(/^stepwell_dead_letters_pending 0$/m);
    const deadLetters = await http().get('/ops/dead-letters').set('Authorization', ops).expect(200);
    expect(deadLetters.body).toMatchObject({ items: [], total: 0 });
  });

  // Last: it takes the database away.
  it('is not ready once its database is unreachable, and says so as a 503 problem document', async () => {
    await database.drop();
    const response = await http().get('/ready').expect(503).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}not-ready`,
      status: 503,
      checks: { database: { status: 'down' }, eventStore: { status: 'down' } },
    });
  });
});
