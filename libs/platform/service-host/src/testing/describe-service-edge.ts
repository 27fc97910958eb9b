import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, users } from '@stepwell/access/testing';
import type { Env } from '@stepwell/config';
import { PROBLEM_TYPE_BASE, type ServiceHttpOptions } from '@stepwell/http';
import { createTestApp } from '@stepwell/http/testing';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import type { ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { TRANSPARENCY_RUNNER, TRANSPARENCY_TABLES, verifyConsistency, verifyInclusion, verifyTreeHeadSignature } from '@stepwell/transparency';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';

export interface ServiceEdgeOptions {
  /** The service's name: also the schema of its read models and the title of its API document. */
  name: string;
  http: ServiceHttpOptions;
  /** The service's app module, from configuration read out of `env` (a fresh database and the test issuer). */
  module: (env: Env) => DynamicModule | Type<unknown>;
  /** The schema of the service's own PostgreSQL event store. */
  eventStoreSchema: string;
  /**
   * Every table the service's read-model schema must hold once started, in alphabetical order. The platform's own
   * transparency-log tables (TRANSPARENCY_TABLES, added by @stepwell/service-host) are expected besides these.
   */
  tables: string[];
  /** Paths the API document must describe besides /health and /ready. */
  documentedPaths?: string[];
  /** What readiness must report about messaging besides being up on the PostgreSQL transport. */
  messagingReadiness?: Record<string, unknown>;
  /** Lines GET /metrics must hold besides the count of pending dead letters. */
  metricLines?: RegExp[];
  /** The service's own tests against the same running app; they run before the last test takes the database away. */
  moreTests?: (service: ServiceUnderTest) => void;
}

/** The running service, for `moreTests`: call these inside tests, once `beforeAll` has started it. */
export interface ServiceUnderTest {
  app(): INestApplication;
  issuer(): TestIssuer;
  database(): TestDatabase;
  /** Requests without any token. */
  http(): ReturnType<typeof request>;
}

/**
 * The edge every service shares, checked on the real service over a fresh database of its own: health and
 * readiness with its details, the API docs, problem documents for 404, 401 (with the Bearer challenge) and 403,
 * the break-glass audit endpoint, the ops-role endpoints, its migrated schemas, and readiness failing last.
 */
export function describeServiceEdge(options: ServiceEdgeOptions): void {
  describe(`the ${options.name} service`, () => {
    let database: TestDatabase;
    let issuer: TestIssuer;
    let app: INestApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      database = await createTestDatabase(options.name);
      issuer = createTestIssuer();
      app = await createTestApp(options.module({ DATABASE_URL: database.url, ...issuer.env }), options.http);
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
        info: {
          database: { status: 'up' },
          eventStore: { status: 'up' },
          messaging: { status: 'up', transport: 'postgres', ...options.messagingReadiness },
        },
      });
    });

    it('migrated its own schema, with the care-relationship table, and its own event-store schema at start', async () => {
      const dataSource = app.get(DataSource);
      const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [options.name]);
      expect(tables.map((row: { table_name: string }) => row.table_name).sort()).toEqual([...options.tables, ...TRANSPARENCY_TABLES].sort());
      const [eventStore] = await dataSource.query(
        `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1`,
        [options.eventStoreSchema],
      );
      expect(eventStore.tables).toBeGreaterThan(0);
    });

    it('serves its OpenAPI UI at /docs and the document at /docs-json, without a token', async () => {
      const ui = await http().get('/docs').expect(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      const document = await http().get('/docs-json').expect(200);
      expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: `Stepwell ${options.name}` } });
      expect(Object.keys(document.body.paths)).toEqual(
        expect.arrayContaining(['/health', '/ready', ...(options.documentedPaths ?? [])]),
      );
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

    it('lists break-glass grants for an auditor, from its own event store, paged', async () => {
      const response = await http().get('/audit/break-glass').set('Authorization', await issuer.bearer(users.auditor)).expect(200);
      expect(response.body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
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
      for (const line of options.metricLines ?? []) expect(metrics.text).toMatch(line);
      const deadLetters = await http().get('/ops/dead-letters').set('Authorization', ops).expect(200);
      expect(deadLetters.body).toMatchObject({ items: [], total: 0 });
    });

    describeTransparencyLog(() => app, () => issuer);

    options.moreTests?.({ app: () => app, issuer: () => issuer, database: () => database, http });

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
}

/** The transparency log every service gets from the platform (issue 19; docs/audit.md): auditors only, proofs that verify. */
function describeTransparencyLog(app: () => INestApplication, issuer: () => TestIssuer): void {
  const http = () => request(app().getHttpServer());

  it('keeps the transparency log to auditors: a clinician is refused every /audit/log route with 403', async () => {
    const clinician = await issuer().bearer(users.gpClinician);
    await http().get('/audit/log/tree-heads').set('Authorization', clinician).expect(403);
    await http().post('/audit/log/tree-heads').set('Authorization', clinician).expect(403);
    await http().get('/audit/log/keys').set('Authorization', clinician).expect(403);
    await http().get('/audit/log/proofs/consistency?from=1&to=1').set('Authorization', clinician).expect(403);
    await http().get('/audit/log/witnessed').set('Authorization', clinician).expect(403);
  });

  it('lists, as a witness of the other services’ logs, the heads it countersigned and its alerts (auditors; bad filters 400)', async () => {
    const auditor = await issuer().bearer(users.nationalAuditor);
    const answer = (await http().get('/audit/log/witnessed?page=1&pageSize=10').set('Authorization', auditor).expect(200)).body;
    expect(answer).toMatchObject({ page: 1, pageSize: 10, items: expect.any(Array), total: expect.any(Number), alerts: expect.any(Array), witness: expect.any(String) });
    expect(answer.witnessKeys.length).toBeGreaterThan(0);
    const bad = await http().get('/audit/log/witnessed?log=Not%20A%20Service').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/log must be a service name/);
  });

  it('signs a tree head on demand over its log, proves an event in it and two sizes consistent, with its published key', async () => {
    const auditor = await issuer().bearer(users.auditor);
    const store = app().get<EventStore>(EVENT_STORE);
    const id = randomUUID();
    const metadata = { occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, actor: { userId: 'u-probe', organisationId: 'X1', role: 'ops' }, schemaVersion: 1 };
    const first = await store.appendToStream(`transparency-probe-${randomUUID()}`, [{ id: randomUUID(), type: 'ProbeRecorded', data: {}, metadata }], { expectedRevision: 'no_stream' });
    await app().get<ProjectionRunner>(TRANSPARENCY_RUNNER).waitFor(first.lastGlobalPosition);
    const earlier = (await http().post('/audit/log/tree-heads').set('Authorization', auditor).expect(201)).body;
    const second = await store.appendToStream(`transparency-probe-${randomUUID()}`, [{ id, type: 'ProbeRecorded', data: { n: 2 }, metadata }], { expectedRevision: 'no_stream' });
    await app().get<ProjectionRunner>(TRANSPARENCY_RUNNER).waitFor(second.lastGlobalPosition);
    const head = (await http().post('/audit/log/tree-heads').set('Authorization', auditor).expect(201)).body;
    expect(head.treeSize).toBeGreaterThan(earlier.treeSize);

    const { keys } = (await http().get('/audit/log/keys').set('Authorization', auditor).expect(200)).body;
    expect(keys.filter((key: { current: boolean }) => key.current)).toHaveLength(1);
    expect(verifyTreeHeadSignature(head, keys) && verifyTreeHeadSignature(earlier, keys)).toBe(true);
    const listed = (await http().get('/audit/log/tree-heads').set('Authorization', auditor).expect(200)).body;
    expect(listed.items[0]).toEqual(head);

    const inclusion = (await http().get(`/audit/log/proofs/inclusion?event=${id}&treeSize=${head.treeSize}`).set('Authorization', auditor).expect(200)).body;
    const toHash = (hex: string) => Buffer.from(hex, 'hex');
    expect(verifyInclusion(inclusion.leafIndex, head.treeSize, toHash(inclusion.leafHash), inclusion.proof.map(toHash), toHash(head.rootHash))).toBe(true);
    const consistency = (
      await http().get(`/audit/log/proofs/consistency?from=${earlier.treeSize}&to=${head.treeSize}`).set('Authorization', auditor).expect(200)
    ).body;
    expect(verifyConsistency(earlier.treeSize, head.treeSize, toHash(earlier.rootHash), toHash(head.rootHash), consistency.proof.map(toHash))).toBe(true);
  });

  it('answers bad proof requests with 400 or 404 problems naming what is wrong', async () => {
    const auditor = await issuer().bearer(users.nationalAuditor);
    const invalid = await http().get('/audit/log/proofs/inclusion?event=not-a-uuid').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(invalid.body)).toMatch(/event must be an event id/);
    await http().get(`/audit/log/proofs/inclusion?event=${randomUUID()}`).set('Authorization', auditor).expect(404);
    const backwards = await http().get('/audit/log/proofs/consistency?from=3&to=2').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(backwards.body)).toMatch(/from must be at least 1 and at most to/);
    const beyond = await http().get('/audit/log/proofs/consistency?from=1&to=999999').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(beyond.body)).toMatch(/fewer than the 999999 asked for/);
  });
}
