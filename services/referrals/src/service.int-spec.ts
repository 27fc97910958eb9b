import { users } from '@stepwell/access';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { startReferralsTestApp, type ReferralsTestApp } from './testing/referrals-test-app';

describe('the referrals service', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('referrals');
  });
  afterAll(() => service.close());

  it('is live, without a token', async () => {
    const response = await service.anonymous().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready while its database and its event store answer, without a token', async () => {
    const response = await service.anonymous().get('/ready').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up' },
        eventStore: { status: 'up' },
        messaging: { status: 'up', transport: 'postgres', relay: { eventsBehind: expect.any(Number), secondsBehind: expect.any(Number) } },
      },
    });
  });

  it('migrated its own read-model schema and its own event-store schema at start', async () => {
    const dataSource = service.app.get(DataSource);
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'referrals'`);
    expect(tables.map((row: { table_name: string }) => row.table_name).sort()).toEqual([
      'care_relationship',
      'messaging_dead_letters',
      'messaging_inbox',
      'migrations',
      'projection_checkpoints',
    ]);
    const [eventStore] = await dataSource.query(`SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'referrals_events'`);
    expect(eventStore.tables).toBeGreaterThan(0);
  });

  it('serves its OpenAPI UI at /docs and a document describing its endpoints at /docs-json, without a token', async () => {
    const ui = await service.anonymous().get('/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    const document = await service.anonymous().get('/docs-json').expect(200);
    expect(document.body.info.title).toBe('Stepwell referrals');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/referrals', '/referrals/{id}', '/referrals/{id}/withdraw']),
    );
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const response = await service.http().get('/no-such-thing').expect(404).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}not-found`, status: 404 });
  });

  it('refuses the break-glass review to a non-auditor with 403', async () => {
    const response = await service.http().get('/audit/break-glass').expect(403).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}forbidden-role`, status: 403, code: 'FORBIDDEN_ROLE' });
  });

  it('lists break-glass grants for an auditor, from its own event store', async () => {
    const auditor = await service.as(users.auditor);
    const response = await auditor.get('/audit/break-glass').expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('answers the break-glass review without a token, or with an expired one, with a 401 problem document', async () => {
    const missing = await service.anonymous().get('/audit/break-glass').expect(401).expect('content-type', /application\/problem\+json/);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
    const expired = await service
      .anonymous()
      .get('/audit/break-glass')
      .set('Authorization', `Bearer ${await service.issuer.expiredToken(users.auditor)}`)
      .expect(401);
    expect(expired.headers['www-authenticate']).toContain('error_description="expired"');
  });

  it('keeps /metrics and the dead-letter ops endpoints to the ops role, every caller authenticated', async () => {
    await service.anonymous().get('/metrics').expect(401);
    await service.anonymous().get('/ops/dead-letters').expect(401);
    await service.http().get('/metrics').expect(403);
    await service.http().get('/ops/dead-letters').expect(403);
    const ops = await service.as(users.commissioner);
    const metrics = await ops.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^stepwell_relay_events_behind\{subscription="referrals\.relay"\} \d+$/m);
    expect(metrics.text).toMatch(/^stepwell_relay_seconds_behind\{subscription="referrals\.relay"\} [\d.]+$/m);
    expect(metrics.text).toMatch(/^stepwell_dead_letters_pending 0$/m);
    await ops.get('/ops/dead-letters').expect(200);
  });

  // Last: it takes the database away.
  it('is not ready once its database is unreachable, and says so as a 503 problem document', async () => {
    await service.database.drop();
    const response = await service.anonymous().get('/ready').expect(503).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}not-ready`,
      status: 503,
      checks: { database: { status: 'down' }, eventStore: { status: 'down' } },
    });
  });
});
