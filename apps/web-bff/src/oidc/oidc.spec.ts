import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ConfigError } from '@stepwell/config';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { Client } from 'pg';
import { createBffApp } from '../app';
import { PENDING_SIGN_INS_TABLE } from '../postgres-session-store';
import { type BffConfig, loadBffConfig, type OidcSettings } from '../config';
import { sessionUserFromClaims } from './claims';
import { OidcClient, SignInRefused } from './oidc-client';
import { TestOidcProvider } from './test-oidc-provider';

const CLIENT_ID = 'stepwell-web';
const CLIENT_SECRET = 'test-client-secret';
const SIGNED_OUT = 'http://127.0.0.1/signed-out';
const clinician = { sub: 'oidc-user-1', name: 'Dr Oidc Test', org_ods_code: 'DEMTT1', org_type: 'talking-therapies', roles: ['clinician', 'not-a-stepwell-role'] };

const cookiesOf = (res: request.Response): string[] => {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
};
const cookieHeader = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).filter((c) => !/=$/.test(c as string)).join('; ');

describe('OpenID Connect sign-in (authorisation code + PKCE) against a provider', () => {
  let dir: string;
  let database: TestDatabase;
  let provider: TestOidcProvider;
  let upstream: Server;
  let seen: Array<{ method: string; headers: IncomingHttpHeaders }>;
  let app: INestApplication;
  let config: BffConfig;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stepwell-bff-oidc-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>Stepwell</title>');
    database = await createTestDatabase('web-bff-oidc');
    provider = new TestOidcProvider(CLIENT_ID, CLIENT_SECRET);
    provider.postLogoutRedirectUris = [SIGNED_OUT];
    await provider.start();
    seen = [];
    upstream = createServer((req, res) => {
      seen.push({ method: req.method ?? '', headers: req.headers });
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    config = loadBffConfig({
      NODE_ENV: 'test',
      WEB_DIST: join(dir, 'dist'),
      STEPWELL_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: database.url,
      REFERRALS_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      OIDC_POST_LOGOUT_REDIRECT_URL: SIGNED_OUT,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: 'http://127.0.0.1/session/oidc/callback',
    });
    app = await createBffApp(config, { demoUsers: async () => [] });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await provider.stop();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    provider.claims = { ...clinician };
    provider.tamper = {};
  });

  /** Starts a sign-in at the BFF and lets the provider consent; returns the callback path and the pending cookie. */
  async function signInUpTo(callback: { editAuthorizeUrl?: (url: URL) => void } = {}): Promise<{ callbackPath: string; pendingCookie: string; authorizeUrl: URL }> {
    const start = await request(app.getHttpServer()).get('/session/oidc/login');
    expect(start.status).toBe(302);
    const authorizeUrl = new URL(start.headers['location'] as string);
    callback.editAuthorizeUrl?.(authorizeUrl);
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location') as string);
    return { callbackPath: `${back.pathname}${back.search}`, pendingCookie: cookieHeader(cookiesOf(start)), authorizeUrl };
  }

  async function expectNoSession(res: request.Response): Promise<void> {
    expect(res.headers['content-type']).toContain('application/problem+json');
    const cookies = cookiesOf(res);
    expect(cookies.some((c) => c.startsWith('stepwell_session=') && !c.startsWith('stepwell_session=;'))).toBe(false);
    expect(cookies.some((c) => c.startsWith('stepwell_csrf='))).toBe(false);
    // And nothing reaches a service in anyone's name.
    seen.length = 0;
    expect((await request(app.getHttpServer()).get('/api/referrals/x').set('cookie', cookieHeader(cookies))).status).toBe(401);
    expect(seen).toEqual([]);
  }

  it('sends the browser to the provider with state, nonce and an S256 code challenge, in an HTTP-only pending cookie', async () => {
    const { authorizeUrl, pendingCookie } = await signInUpTo();
    const q = authorizeUrl.searchParams;
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge_method'].map((k) => [k, q.get(k)]))).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: 'http://127.0.0.1/session/oidc/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const k of ['state', 'nonce', 'code_challenge']) expect(q.get(k)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).not.toBe(q.get('nonce'));
    expect(pendingCookie).toMatch(/^stepwell_oidc=[A-Za-z0-9_-]{43}$/);
  });

  it('happy path: exchanges the code, validates the ID token, maps the claims and calls the services with the user’s access token', async () => {
    const { callbackPath, pendingCookie } = await signInUpTo();
    const back = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(back.status).toBe(303);
    expect(back.headers['location']).toBe('/');
    const cookies = cookiesOf(back);
    expect(cookies.find((c) => c.startsWith('stepwell_session='))).toMatch(/^stepwell_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=900$/);
    expect(cookies.find((c) => c.startsWith('stepwell_csrf='))).toMatch(/^stepwell_csrf=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict; Max-Age=900$/);
    expect(cookies.find((c) => c.startsWith('stepwell_oidc='))).toContain('Max-Age=0');
    const session = cookieHeader(cookies);
    const who = await request(app.getHttpServer()).get('/session').set('cookie', session);
    // Unknown roles are dropped, as the services drop them.
    expect(who.body).toEqual({ key: 'oidc-user-1', user: 'oidc-user-1', name: 'Dr Oidc Test', org: 'DEMTT1', orgType: 'talking-therapies', roles: ['clinician'] });
    seen.length = 0;
    expect((await request(app.getHttpServer()).get('/api/referrals/referrals').set('cookie', session)).status).toBe(200);
    const bearer = String(seen[0]?.headers.authorization).replace(/^Bearer /, '');
    const [header, payload] = bearer.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header?.['typ']).toBe('at+jwt');
    expect(payload).toMatchObject({ iss: provider.issuer, sub: 'oidc-user-1', org_ods_code: 'DEMTT1' });
  });

  /** A completed sign-in: the session's cookie header and CSRF token. */
  async function signedIn(): Promise<{ cookie: string; csrf: string }> {
    const { callbackPath, pendingCookie } = await signInUpTo();
    const back = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(back.status).toBe(303);
    const cookies = cookiesOf(back);
    const csrf = (cookies.find((c) => c.startsWith('stepwell_csrf=')) ?? '').split(';')[0]?.split('=')[1] ?? '';
    return { cookie: cookieHeader(cookies), csrf };
  }

  it('logs out at the provider too (RP-initiated logout): the row goes, the browser is sent to end_session_endpoint with the ID token as hint, and the provider sends it back', async () => {
    const { cookie, csrf } = await signedIn();
    expect(provider.signedIn.has('oidc-user-1')).toBe(true);
    const logout = await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf);
    expect(logout.status).toBe(200);
    expect(logout.headers['set-cookie']).toEqual([expect.stringMatching(/^stepwell_session=;.*Max-Age=0/), expect.stringMatching(/^stepwell_csrf=;.*Max-Age=0/)]);
    const endSession = new URL(logout.body.endSessionUrl as string);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/logout`);
    expect(endSession.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(SIGNED_OUT);
    const hint = endSession.searchParams.get('id_token_hint') as string;
    const hinted = JSON.parse(Buffer.from(hint.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    // The ID token, not the access token: issued to this client, for this person.
    expect(hinted).toMatchObject({ iss: provider.issuer, aud: CLIENT_ID, sub: 'oidc-user-1' });
    // The BFF's session is gone at once, before the browser reaches the provider.
    expect((await request(app.getHttpServer()).get('/session').set('cookie', cookie)).status).toBe(401);
    const atProvider = await fetch(endSession, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    expect(atProvider.headers.get('location')).toBe(SIGNED_OUT);
    expect(provider.logoutRequests.at(-1)).toEqual({ sub: 'oidc-user-1', status: 302 });
    expect(provider.signedIn.has('oidc-user-1')).toBe(false);
  });

  it('a logout without the CSRF token ends nothing, here or at the provider; a second logout of an ended session only clears the cookies (204)', async () => {
    const { cookie, csrf } = await signedIn();
    const requestsBefore = provider.logoutRequests.length;
    expect((await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie)).status).toBe(403);
    expect((await request(app.getHttpServer()).get('/session').set('cookie', cookie)).status).toBe(200);
    expect((await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf)).status).toBe(200);
    const again = await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf);
    expect(again.status).toBe(204);
    expect(again.body).toEqual({});
    expect(provider.logoutRequests.length).toBe(requestsBefore);
  });

  it('the provider refuses a logout hint that is not its ID token for this client, and a post-logout URI not registered', async () => {
    const { cookie, csrf } = await signedIn();
    const endSession = new URL((await request(app.getHttpServer()).post('/session/logout').set('cookie', cookie).set('x-csrf-token', csrf)).body.endSessionUrl as string);
    const forged = new URL(endSession);
    forged.searchParams.set('id_token_hint', `${(endSession.searchParams.get('id_token_hint') as string).slice(0, -4)}AAAA`);
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);
    const elsewhere = new URL(endSession);
    elsewhere.searchParams.set('post_logout_redirect_uri', 'https://attacker.example/');
    expect((await fetch(elsewhere, { redirect: 'manual' })).status).toBe(400);
    expect(provider.signedIn.has('oidc-user-1')).toBe(true);
  });

  it('with a provider that offers no end_session_endpoint, logout ends the BFF’s session only', async () => {
    provider.offersEndSession = false;
    try {
      const client = new OidcClient({ issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUrl: 'http://127.0.0.1/session/oidc/callback', scopes: 'openid', claims: 'platform', cis2RoleMap: {}, cis2OrgTypes: {} });
      expect(await client.endSessionUrl('an.id.token')).toBeUndefined();
    } finally {
      provider.offersEndSession = true;
    }
  });

  it('completes a sign-in started at another BFF instance on the same database (the pending sign-in is shared, sealed, and used once)', async () => {
    const other = await createBffApp(config, { demoUsers: async () => [] });
    await other.init();
    try {
      const { callbackPath, pendingCookie, authorizeUrl } = await signInUpTo();
      const db = new Client({ connectionString: database.url });
      await db.connect();
      try {
        const { rows } = await db.query<{ sealed: Buffer }>(`SELECT sealed FROM ${PENDING_SIGN_INS_TABLE}`);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.sealed.toString('latin1')).not.toContain(authorizeUrl.searchParams.get('state') as string);
      } finally {
        await db.end();
      }
      const back = await request(other.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
      expect(back.status).toBe(303);
      expect((await request(app.getHttpServer()).get('/session').set('cookie', cookieHeader(cookiesOf(back)))).status).toBe(200);
      // Taken: the same callback at the first instance finds nothing.
      expect((await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie)).status).toBe(400);
    } finally {
      await other.close();
    }
  });

  it('refuses a callback whose state is not the one it sent (no session)', async () => {
    const { callbackPath, pendingCookie } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath.replace(/state=[^&]+/, 'state=forged')).set('cookie', pendingCookie);
    expect(res.status).toBe(400);
    await expectNoSession(res);
  });

  it('refuses a callback without the pending cookie (started in another browser)', async () => {
    const { callbackPath } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath);
    expect(res.status).toBe(400);
    await expectNoSession(res);
  });

  it('refuses an ID token whose nonce is not this sign-in’s', async () => {
    provider.tamper = { nonce: 'a-nonce-from-another-sign-in' };
    const { callbackPath, pendingCookie } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    await expectNoSession(res);
  });

  it('refuses a replayed code: the same callback again, and the code inside a new sign-in', async () => {
    const first = await signInUpTo();
    expect((await request(app.getHttpServer()).get(first.callbackPath).set('cookie', first.pendingCookie)).status).toBe(303);
    const again = await request(app.getHttpServer()).get(first.callbackPath).set('cookie', first.pendingCookie);
    expect(again.status).toBe(400);
    await expectNoSession(again);
    // An attacker's new sign-in with the stolen code: the provider has seen it (and its verifier is another).
    const second = await signInUpTo();
    const oldCode = new URL(first.callbackPath, 'http://x').searchParams.get('code') as string;
    const injected = second.callbackPath.replace(/code=[^&]+/, `code=${oldCode}`);
    const requestsBefore = provider.tokenRequests.length;
    const res = await request(app.getHttpServer()).get(injected).set('cookie', second.pendingCookie);
    expect(res.status).toBe(401);
    expect(provider.tokenRequests.slice(requestsBefore)).toEqual([{ status: 400 }]);
    await expectNoSession(res);
  });

  it('refuses an ID token for another audience', async () => {
    provider.tamper = { aud: 'some-other-client' };
    const { callbackPath, pendingCookie } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    await expectNoSession(res);
  });

  it('refuses an expired ID token', async () => {
    provider.tamper = { expiresIn: -120 };
    const { callbackPath, pendingCookie } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    await expectNoSession(res);
  });

  it('refuses an ID token signed by a key not in the provider’s JWKS', async () => {
    provider.tamper = { foreignKey: true };
    const { callbackPath, pendingCookie } = await signInUpTo();
    const res = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    await expectNoSession(res);
  });

  it('refuses when the PKCE verifier does not match the challenge the provider saw (provider refuses the code)', async () => {
    const { callbackPath, pendingCookie } = await signInUpTo({ editAuthorizeUrl: (url) => url.searchParams.set('code_challenge', 'x'.repeat(43)) });
    const requestsBefore = provider.tokenRequests.length;
    const res = await request(app.getHttpServer()).get(callbackPath).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    expect(provider.tokenRequests.slice(requestsBefore)).toEqual([{ status: 400 }]);
    await expectNoSession(res);
  });

  it('refuses a person with no Stepwell role (403) or an organisation type the platform does not know', async () => {
    provider.claims = { ...clinician, roles: ['not-a-stepwell-role'] };
    let flow = await signInUpTo();
    let res = await request(app.getHttpServer()).get(flow.callbackPath).set('cookie', flow.pendingCookie);
    expect(res.status).toBe(403);
    await expectNoSession(res);
    provider.claims = { ...clinician, org_type: 'hospital-of-some-kind' };
    flow = await signInUpTo();
    res = await request(app.getHttpServer()).get(flow.callbackPath).set('cookie', flow.pendingCookie);
    expect(res.status).toBe(403);
    await expectNoSession(res);
  });

  it('refuses a provider error answer (the person cancelled)', async () => {
    const { callbackPath, pendingCookie } = await signInUpTo();
    const state = new URL(callbackPath, 'http://x').searchParams.get('state') as string;
    const res = await request(app.getHttpServer()).get(`/session/oidc/callback?error=access_denied&state=${state}`).set('cookie', pendingCookie);
    expect(res.status).toBe(401);
    await expectNoSession(res);
  });
});

describe('CIS2 claims → the platform principal', () => {
  const settings: OidcSettings = {
    issuer: 'https://cis2.example',
    clientId: 'c',
    clientSecret: 's',
    redirectUrl: 'https://stepwell.example/session/oidc/callback',
    scopes: 'openid profile nationalrbacaccess',
    claims: 'cis2',
    cis2RoleMap: { R8000: ['clinician'], B0570: ['referrer'], R8003: ['admin'] },
    cis2OrgTypes: { A81001: 'gp-practice', RX4: 'talking-therapies' },
  };
  const userinfo = {
    sub: '910000000001',
    nhsid_useruid: '910000000001',
    name: 'Dr A Clinician',
    selected_roleid: '555021935107',
    nhsid_nrbac_roles: [
      { person_roleid: '555021935107', org_code: 'A81001', role_code: 'S8000:G8000:R8000', activity_codes: ['B0570', 'B9999'] },
      { person_roleid: '555021935108', org_code: 'RX4', role_code: 'S8000:G8000:R8003', activity_codes: [] },
    ],
  };

  it('takes the selected role’s organisation, the configured organisation type, and the mapped roles', () => {
    expect(sessionUserFromClaims(userinfo, settings)).toEqual({ key: '910000000001', user: '910000000001', name: 'Dr A Clinician', org: 'A81001', orgType: 'gp-practice', roles: ['clinician', 'referrer'] });
    expect(sessionUserFromClaims({ ...userinfo, selected_roleid: '555021935108' }, settings)).toMatchObject({ org: 'RX4', orgType: 'talking-therapies', roles: ['admin'] });
  });

  it('refuses with no selected role among several, an organisation not configured, or no mapped role', () => {
    expect(() => sessionUserFromClaims({ ...userinfo, selected_roleid: undefined }, settings)).toThrow(SignInRefused);
    const elsewhere = { ...userinfo, nhsid_nrbac_roles: [{ ...userinfo.nhsid_nrbac_roles[0], org_code: 'Z99999' }] };
    expect(() => sessionUserFromClaims(elsewhere, settings)).toThrow(/organisation/);
    const noRole = { ...userinfo, nhsid_nrbac_roles: [{ ...userinfo.nhsid_nrbac_roles[0], role_code: 'S0080:G0450:R5080', activity_codes: [] }] };
    expect(() => sessionUserFromClaims(noRole, settings)).toThrow(/role/);
  });
});

describe('the BFF’s OpenID Connect configuration', () => {
  const production = { NODE_ENV: 'production', STEPWELL_DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://bff@db.invalid/stepwell', DATA_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
  const issues = (env: Record<string, string>) => {
    try {
      loadBffConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.issues.map((i) => i.variable);
      throw error;
    }
    return [];
  };

  it('requires an https issuer, client id, secret and https redirect URL in production, where it is the only sign-in', () => {
    expect(issues(production)).toEqual(['OIDC_ISSUER']);
    expect(issues({ ...production, OIDC_ISSUER: 'https://cis2.example' }).sort()).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL']);
    expect(issues({ ...production, OIDC_ISSUER: 'http://cis2.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'http://x/cb' })).toEqual(['OIDC_ISSUER', 'OIDC_REDIRECT_URL']);
    const config = loadBffConfig({ ...production, OIDC_ISSUER: 'https://cis2.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'https://stepwell.example/session/oidc/callback' });
    expect(config.oidc?.issuer).toBe('https://cis2.example');
    expect(config.localLogin).toBe(false);
  });

  it('needs the database and the token-sealing key (production), and an https post-logout URI in production', () => {
    const oidc = { OIDC_ISSUER: 'https://cis2.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'https://s.example/cb' };
    const { DATABASE_URL: _database, DATA_KEY_ENCRYPTION_KEY: _key, ...bare } = production;
    expect(issues({ ...bare, ...oidc }).sort()).toEqual(['DATABASE_URL', 'DATA_KEY_ENCRYPTION_KEY']);
    expect(issues({ ...production, ...oidc, DATABASE_URL: 'mysql://x/y' })).toEqual(['DATABASE_URL']);
    expect(issues({ ...production, ...oidc, OIDC_POST_LOGOUT_REDIRECT_URL: 'http://s.example/signed-out' })).toEqual(['OIDC_POST_LOGOUT_REDIRECT_URL']);
    expect(loadBffConfig({ ...production, ...oidc, OIDC_POST_LOGOUT_REDIRECT_URL: 'https://s.example/signed-out' }).oidc?.postLogoutRedirectUrl).toBe('https://s.example/signed-out');
  });

  it('needs the organisation types for cis2 claims, and JSON for the maps', () => {
    const base = { ...production, OIDC_ISSUER: 'https://cis2.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'https://s.example/cb', OIDC_CLAIMS: 'cis2' };
    expect(issues(base)).toEqual(['OIDC_CIS2_ORG_TYPES']);
    expect(issues({ ...base, OIDC_CIS2_ORG_TYPES: '{"A81001":"gp-practice"}', OIDC_CIS2_ROLE_MAP: 'not json' })).toEqual(['OIDC_CIS2_ROLE_MAP']);
  });
});
