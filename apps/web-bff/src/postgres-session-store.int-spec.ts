import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Client } from 'pg';
import request from 'supertest';
import { createBffApp } from './app';
import { type BffConfig, loadBffConfig } from './config';
import { SESSIONS_TABLE } from './postgres-session-store';
import { sha256, type SessionUser } from './session-store';

const gp: SessionUser = { key: 'gpReferrer', user: 'demo-gp-dr-ash', name: 'Dr Demo Ash (GP)', org: 'DEMGP1', orgType: 'gp-practice', roles: ['referrer', 'clinician'] };
const IDLE_SECONDS = 600;

function sessionOf(login: request.Response): { id: string; cookie: string; csrf: string } {
  const cookies = login.headers['set-cookie'] as unknown as string[];
  const value = (name: string) => (cookies.find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0]?.split('=')[1] ?? '';
  return { id: value('stepwell_session'), cookie: cookies.map((c) => c.split(';')[0]).join('; '), csrf: value('stepwell_csrf') };
}

/**
 * The sessions in PostgreSQL, through whole BFF apps on one database (as two instances behind a load balancer, or one
 * instance before and after a restart), each with its own pool and its own copy of the store. Time is a test clock
 * each app reads, moved on to cross the idle and absolute limits.
 */
describe('BFF sessions in PostgreSQL', () => {
  let dir: string;
  let database: TestDatabase;
  let upstream: Server;
  let seen: Array<{ url: string; headers: IncomingHttpHeaders }>;
  let config: BffConfig;
  let now = Date.now();
  const clock = () => now;
  const apps: INestApplication[] = [];
  let db: Client;

  async function instance(): Promise<INestApplication> {
    const app = await createBffApp(config, { demoUsers: async () => [gp], now: clock });
    await app.init();
    apps.push(app);
    return app;
  }
  const login = async (app: INestApplication, cookie?: string) => {
    let call = request(app.getHttpServer()).post('/session/local-login');
    if (cookie) call = call.set('cookie', cookie);
    const answer = await call.send({ who: 'gpReferrer' });
    expect(answer.status).toBe(200);
    return sessionOf(answer);
  };
  const whoIs = async (app: INestApplication, cookie: string) => (await request(app.getHttpServer()).get('/session').set('cookie', cookie)).status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stepwell-bff-sessions-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>Stepwell</title>');
    database = await createTestDatabase('web-bff-sessions');
    seen = [];
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    config = loadBffConfig({
      NODE_ENV: 'test',
      WEB_DIST: join(dir, 'dist'),
      STEPWELL_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: database.url,
      SESSION_IDLE_SECONDS: String(IDLE_SECONDS),
      REFERRALS_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    });
    db = new Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.end();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    now = Date.now();
  });

  it('a session survives a restart of the BFF and is seen by a second instance on the same database, which sends the same token', async () => {
    const first = await instance();
    const { cookie } = await login(first);
    const second = await instance();
    seen.length = 0;
    expect((await request(second.getHttpServer()).get('/session').set('cookie', cookie)).body).toEqual(gp);
    expect((await request(first.getHttpServer()).get('/api/referrals/referrals/r-1').set('cookie', cookie)).status).toBe(200);
    expect((await request(second.getHttpServer()).get('/api/referrals/referrals/r-1').set('cookie', cookie)).status).toBe(200);
    expect(seen[0]?.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(seen[1]?.headers.authorization).toBe(seen[0]?.headers.authorization);
    // The first instance goes away (its pool ends) and comes back: nobody is logged out.
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const restarted = await instance();
    expect(await whoIs(restarted, cookie)).toBe(200);
  });

  it('stores no token, cookie id or CSRF token readable in the table: only hashes and AES-GCM ciphertext', async () => {
    const app = await instance();
    const session = await login(app);
    seen.length = 0;
    await request(app.getHttpServer()).get('/api/referrals/referrals/r-2').set('cookie', session.cookie);
    const token = String(seen[0]?.headers.authorization).replace(/^Bearer /, '');
    const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${SESSIONS_TABLE} WHERE id_hash = $1`, [sha256(session.id)]);
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(['access_token', 'created_at', 'csrf_hash', 'expires_at', 'id_hash', 'id_token', 'key_version', 'last_seen_at', 'who']);
    const dump = JSON.stringify(row, (_key, value: unknown) => (value && typeof value === 'object' && 'type' in value && value.type === 'Buffer' ? Buffer.from((value as unknown as { data: number[] }).data).toString('latin1') : value));
    for (const part of token.split('.')) expect(dump).not.toContain(part.slice(0, 24));
    expect(dump).not.toContain(session.id);
    expect(dump).not.toContain(session.csrf);
    expect(row['id_token']).toBeNull();
    expect(row['who']).toEqual(gp);
    // The sealed token opens only in its own row: moved to another session, that session is refused.
    const other = await login(app);
    await db.query(`UPDATE ${SESSIONS_TABLE} SET access_token = $1 WHERE id_hash = $2`, [row['access_token'], sha256(other.id)]);
    expect(await whoIs(app, other.cookie)).toBe(401);
    expect(await whoIs(app, session.cookie)).toBe(200);
  });

  it('refuses a session idle for longer than SESSION_IDLE_SECONDS, and keeps one in use alive until its absolute expiry', async () => {
    const app = await instance();
    const signedInAt = now;
    const idle = await login(app);
    const busy = await login(app);
    now = signedInAt + (IDLE_SECONDS - 5) * 1000;
    expect(await whoIs(app, busy.cookie)).toBe(200);
    now = signedInAt + (IDLE_SECONDS + 5) * 1000;
    expect(await whoIs(app, idle.cookie)).toBe(401);
    expect(await whoIs(app, busy.cookie)).toBe(200);
    // Used every five minutes, it still ends an hour after sign-in (the token's lifetime).
    for (let t = now + 300_000; t < signedInAt + 3600_000; t += 300_000) {
      now = t;
      expect(await whoIs(app, busy.cookie)).toBe(200);
    }
    now = signedInAt + 3600_000;
    expect(await whoIs(app, busy.cookie)).toBe(401);
    expect((await request(app.getHttpServer()).get('/api/referrals/referrals/r-3').set('cookie', busy.cookie)).status).toBe(401);
  });

  it('purges expired rows at the next sign-in', async () => {
    const app = await instance();
    const old = await login(app);
    now += (IDLE_SECONDS + 1) * 1000;
    await login(app);
    const { rows } = await db.query<{ expired: string }>(`SELECT count(*) AS expired FROM ${SESSIONS_TABLE} WHERE last_seen_at <= $1::timestamptz - make_interval(secs => $2) OR expires_at <= $1::timestamptz`, [new Date(now), IDLE_SECONDS]);
    expect(rows[0]?.expired).toBe('0');
    expect((await db.query(`SELECT 1 FROM ${SESSIONS_TABLE} WHERE id_hash = $1`, [sha256(old.id)])).rowCount).toBe(0);
  });

  it('gives every sign-in a new session id and ends the one the browser came with (session fixation)', async () => {
    const app = await instance();
    const planted = await login(app);
    const fresh = await login(app, planted.cookie);
    expect(fresh.id).not.toBe(planted.id);
    expect(fresh.csrf).not.toBe(planted.csrf);
    expect(await whoIs(app, planted.cookie)).toBe(401);
    expect(await whoIs(app, `stepwell_session=${fresh.id}`)).toBe(200);
  });

  it('logout deletes the row, on whichever instance it lands', async () => {
    const [a, b] = [await instance(), await instance()];
    const session = await login(a);
    const logout = await request(b.getHttpServer()).post('/session/logout').set('cookie', session.cookie).set('x-csrf-token', session.csrf);
    expect(logout.status).toBe(204);
    expect((await db.query(`SELECT 1 FROM ${SESSIONS_TABLE} WHERE id_hash = $1`, [sha256(session.id)])).rowCount).toBe(0);
    expect(await whoIs(a, session.cookie)).toBe(401);
  });

  // Last: it breaks the table for every later test of this file.
  it('answers 503 problems, never a 500, when the sessions cannot be read or written', async () => {
    const app = await instance();
    const session = await login(app);
    await db.query(`ALTER TABLE ${SESSIONS_TABLE} RENAME TO sessions_away`);
    try {
      for (const call of [
        request(app.getHttpServer()).get('/session').set('cookie', session.cookie),
        request(app.getHttpServer()).get('/api/referrals/referrals/r-4').set('cookie', session.cookie),
        request(app.getHttpServer()).post('/session/logout').set('cookie', session.cookie).set('x-csrf-token', session.csrf),
        request(app.getHttpServer()).post('/session/local-login').send({ who: 'gpReferrer' }),
      ]) {
        const answer = await call;
        expect(answer.status).toBe(503);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        expect(answer.headers['retry-after']).toBe('5');
      }
    } finally {
      await db.query(`ALTER TABLE ${SESSIONS_TABLE.replace('sessions', 'sessions_away')} RENAME TO sessions`);
    }
    expect(await whoIs(app, session.cookie)).toBe(200);
  });
});
