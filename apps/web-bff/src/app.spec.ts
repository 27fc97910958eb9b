import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { createBffApp } from './app';
import { loadBffConfig } from './config';
import type { SessionUser } from './session-store';

const gp: SessionUser = { key: 'gpReferrer', user: 'demo-gp-dr-ash', name: 'Dr Demo Ash (GP)', org: 'DEMGP1', orgType: 'gp-practice', roles: ['referrer', 'clinician'] };
const demoUsers = async () => [gp];

/** The session cookie and CSRF token a log-in hands out, as the browser would send them back. */
function sessionOf(login: request.Response): { cookie: string; csrf: string } {
  const cookies = login.headers['set-cookie'] as unknown as string[];
  const csrf = (cookies.find((c) => c.startsWith('stepwell_csrf=')) ?? '').split(';')[0]?.split('=')[1] ?? '';
  return { cookie: cookies.map((c) => c.split(';')[0]).join('; '), csrf };
}

describe('the web app’s BFF', () => {
  let dir: string;
  let database: TestDatabase;
  let upstream: Server;
  let seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stepwell-bff-'));
    database = await createTestDatabase('web-bff');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>Stepwell</title>');
    seen = [];
    // A stand-in for the referrals service: records what reaches it, answers 412 to any If-Match.
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.headers['if-match']) {
          res.writeHead(412, { 'content-type': 'application/problem+json', etag: '"3"' }).end(JSON.stringify({ title: 'Precondition Failed', status: 412 }));
        } else {
          res.writeHead(200, { 'content-type': 'application/json', etag: '"1"', 'set-cookie': 'upstream=1' }).end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appFor(nodeEnv: string): Promise<INestApplication> {
    const config = loadBffConfig({
      NODE_ENV: nodeEnv,
      WEB_DIST: join(dir, 'dist'),
      STEPWELL_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: database.url,
      REFERRALS_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      // Production needs its OpenID Connect provider (only read at the first sign-in; not reached here).
      ...(nodeEnv === 'production'
        ? { OIDC_ISSUER: 'https://idp.invalid', OIDC_CLIENT_ID: 'stepwell-web', OIDC_CLIENT_SECRET: 'secret', OIDC_REDIRECT_URL: 'https://stepwell.invalid/session/oidc/callback', DATA_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') }
        : {}),
    });
    const app = await createBffApp(config, { demoUsers });
    await app.init();
    return app;
  }

  describe('with NODE_ENV=production', () => {
    let app: INestApplication;
    beforeAll(async () => (app = await appFor('production')));
    afterAll(() => app.close());

    it('has no "choose who you are" log-in: the demo user list and the local log-in do not exist (404), and nothing is signed', async () => {
      const users = await request(app.getHttpServer()).get('/session/users');
      expect(users.status).toBe(404);
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' });
      expect(login.status).toBe(404);
      expect(login.headers['set-cookie']).toBeUndefined();
    });

    it('offers only the organisation’s OpenID Connect sign-in', async () => {
      expect((await request(app.getHttpServer()).get('/session/sign-in-options')).body).toEqual({ localLogin: false, organisation: '/session/oidc/login' });
    });

    it('still serves the app, answers 401 for the session, and refuses the API without a session', async () => {
      expect((await request(app.getHttpServer()).get('/refer')).text).toContain('<title>Stepwell</title>');
      expect((await request(app.getHttpServer()).get('/session')).status).toBe(401);
      const api = await request(app.getHttpServer()).get('/api/referrals/referrals/x');
      expect(api.status).toBe(401);
      expect(api.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('locally (NODE_ENV=development)', () => {
    let app: INestApplication;
    beforeAll(async () => (app = await appFor('development')));
    afterAll(() => app.close());

    it('lists the demo users and logs one in with an HTTP-only, SameSite=Strict session cookie that holds no token, and a readable CSRF cookie', async () => {
      expect((await request(app.getHttpServer()).get('/session/users')).body).toEqual([gp]);
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' });
      expect(login.status).toBe(200);
      const [cookie, csrfCookie] = login.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/^stepwell_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600$/);
      expect(csrfCookie).toMatch(/^stepwell_csrf=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict; Max-Age=3600$/);
      const session = await request(app.getHttpServer()).get('/session').set('cookie', (cookie as string).split(';')[0] as string);
      expect(session.body).toEqual(gp);
      expect(JSON.stringify(login.body)).not.toMatch(/eyJ/);
    });

    it('offers the local log-in only, when no OpenID Connect provider is configured', async () => {
      expect((await request(app.getHttpServer()).get('/session/sign-in-options')).body).toEqual({ localLogin: true, organisation: null });
    });

    it('refuses an unknown user with a problem naming the field', async () => {
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'nobody' });
      expect(login.status).toBe(400);
      expect(login.body.errors).toEqual([{ field: 'who', messages: ['Choose one of the demo users'] }]);
    });

    it('proxies /api/referrals/ with the user’s bearer token and If-Match, without the cookie, and passes the 412 and its ETag back', async () => {
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' });
      const { cookie, csrf } = sessionOf(login);
      seen.length = 0;
      const read = await request(app.getHttpServer()).get('/api/referrals/referrals/abc?x=1').set('cookie', cookie);
      expect(read.status).toBe(200);
      expect(read.headers['etag']).toBe('"1"');
      expect(read.headers['set-cookie']).toBeUndefined();
      const triage = await request(app.getHttpServer())
        .post('/api/referrals/referrals/abc/triage')
        .set('cookie', cookie)
        .set('x-csrf-token', csrf)
        .set('if-match', '"1"')
        .set('content-type', 'application/json')
        .send('{"outcome":"accept"}');
      expect(triage.status).toBe(412);
      expect(triage.headers['etag']).toBe('"3"');
      expect(seen.map((s) => [s.method, s.url, s.headers['if-match'], s.body])).toEqual([
        ['GET', '/referrals/abc?x=1', undefined, ''],
        ['POST', '/referrals/abc/triage', '"1"', '{"outcome":"accept"}'],
      ]);
      for (const s of seen) {
        expect(s.headers.authorization).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(s.headers.cookie).toBeUndefined();
        expect(s.headers['x-csrf-token']).toBeUndefined();
      }
    });

    it('passes a break-glass reason on to the service only when the browser sent one (the service decides; the BFF adds nothing)', async () => {
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' });
      const { cookie } = sessionOf(login);
      seen.length = 0;
      await request(app.getHttpServer()).get('/api/referrals/patients/p-1/journey').set('cookie', cookie).set('x-break-glass-reason', 'Seen in A&E in crisis tonight');
      await request(app.getHttpServer()).get('/api/referrals/patients/p-1/journey').set('cookie', cookie);
      expect(seen.map((s) => [s.url, s.headers['x-break-glass-reason']])).toEqual([
        ['/patients/p-1/journey', 'Seen in A&E in crisis tonight'],
        ['/patients/p-1/journey', undefined],
      ]);
    });

    it('answers 404 for a service it does not know, and 401 after logging out', async () => {
      const login = await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' });
      const { cookie, csrf } = sessionOf(login);
      expect((await request(app.getHttpServer()).get('/api/nowhere/x').set('cookie', cookie)).status).toBe(404);
      const logout = await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf);
      expect(logout.status).toBe(204);
      expect(logout.headers['set-cookie']).toEqual([expect.stringMatching(/^stepwell_session=;.*Max-Age=0/), expect.stringMatching(/^stepwell_csrf=;.*Max-Age=0/)]);
      expect((await request(app.getHttpServer()).get('/api/referrals/referrals/abc').set('cookie', cookie)).status).toBe(401);
    });
    describe('CSRF: every state-changing request through the proxy needs the session’s token, besides SameSite=Strict', () => {
      for (const method of ['post', 'put', 'patch', 'delete'] as const) {
        it(`${method.toUpperCase()} without the X-CSRF-Token header, or with another session’s, is refused (403) and never reaches the service`, async () => {
          const mine = sessionOf(await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' }));
          const other = sessionOf(await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' }));
          seen.length = 0;
          for (const token of [undefined, other.csrf, '', mine.csrf.slice(1)]) {
            let call = request(app.getHttpServer())[method]('/api/referrals/referrals/abc').set('cookie', mine.cookie).set('content-type', 'application/json');
            if (token !== undefined) call = call.set('x-csrf-token', token);
            const refused = await call.send('{"outcome":"accept"}');
            expect(refused.status).toBe(403);
            expect(refused.body).toMatchObject({ type: 'https://stepwell.example/problems/csrf-token-invalid', status: 403 });
          }
          expect(seen).toEqual([]);
          const accepted = await request(app.getHttpServer())[method]('/api/referrals/referrals/abc').set('cookie', mine.cookie).set('x-csrf-token', mine.csrf).set('content-type', 'application/json').send('{"outcome":"accept"}');
          expect(accepted.status).toBe(200);
          expect(seen.map((s) => s.method)).toEqual([method.toUpperCase()]);
        });
      }

      it('reads (GET) need no token; logging out without it is refused and the session lives on', async () => {
        const { cookie, csrf } = sessionOf(await request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' }));
        expect((await request(app.getHttpServer()).get('/api/referrals/referrals/abc').set('cookie', cookie)).status).toBe(200);
        expect((await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie)).status).toBe(403);
        expect((await request(app.getHttpServer()).get('/session').set('cookie', cookie)).status).toBe(200);
        expect((await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf)).status).toBe(204);
      });
    });
  });
});
