import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAccessTestApp, handlerCalls } from '../testing/access-test-app';
import {
  createTestKeys,
  mintToken,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testAuthConfig,
  unsecuredToken,
  users,
  type TestKeys,
} from '../testing/test-tokens';
import { unusedEventStore } from '../testing/unused-event-store';

// Routes here never reach the database: an uninitialised DataSource fails loudly if one does.
const neverConnected = new DataSource({ type: 'postgres', url: 'postgres://unused@127.0.0.1:1/unused' });
const now = (): number => Math.floor(Date.now() / 1000);

describe('authentication', () => {
  let keys: TestKeys;
  let app: INestApplication;

  beforeAll(async () => {
    keys = createTestKeys();
    app = await createAccessTestApp({ auth: testAuthConfig(keys), eventStore: unusedEventStore(), dataSource: neverConnected });
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    handlerCalls.count = 0;
  });

  it('lets a valid token through and builds the principal from its claims', async () => {
    const token = await mintToken(keys, { ...users.linkWorker, name: 'Sam Link' });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      userId: 'u-vs-1',
      displayName: 'Sam Link',
      organisationId: 'VS0042',
      organisationType: 'voluntary-sector',
      roles: ['link-worker'],
    });
  });

  it('serves a public route without a token', async () => {
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers a request without a token with 401, a problem document and a bare Bearer challenge', async () => {
    const response = await request(app.getHttpServer()).get('/me');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
    expect(JSON.parse(response.text)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(handlerCalls.count).toBe(0);
  });

  const otherKeys = createTestKeys();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const badTokens: Array<[string, () => Promise<string>, string]> = [
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt', 'malformed'],
    ['a Basic credential instead of a bearer token', async () => 'Basic dXNlcjpwYXNz', 'malformed'],
    ['a JWT whose segments are not JSON', async () => 'Bearer aaaa.bbbb.cccc', 'malformed'],
    ['an expired token (beyond the clock tolerance)', async () => `Bearer ${await mintToken(keys, users.gpClinician, { exp: now() - 120 })}`, 'expired'],
    ['a token not valid yet', async () => `Bearer ${await mintToken(keys, users.gpClinician, { nbf: now() + 600 })}`, 'not_yet_valid'],
    ['a token signed by another key', async () => `Bearer ${await mintToken(keys, users.gpClinician, { key: otherKeys.privateKey })}`, 'bad_signature'],
    ['a token for another audience', async () => `Bearer ${await mintToken(keys, users.gpClinician, { audience: 'another-service' })}`, 'wrong_audience'],
    ['a token from another issuer', async () => `Bearer ${await mintToken(keys, users.gpClinician, { issuer: 'https://evil.example' })}`, 'wrong_issuer'],
    ['an unsecured token (alg none)', async () => `Bearer ${unsecuredToken(users.gpClinician)}`, 'algorithm_not_allowed'],
    [
      'an HS256 token using the public key as its secret',
      async () => `Bearer ${await mintToken(keys, users.gpClinician, { alg: 'HS256', key: Buffer.from(keys.publicPem) })}`,
      'algorithm_not_allowed',
    ],
    ['an RS256 token where only ES256 is allowed', async () => `Bearer ${await mintToken(keys, users.gpClinician, { alg: 'RS256', key: rsa.privateKey })}`, 'algorithm_not_allowed'],
    [
      'a token naming an organisation type the platform does not know',
      async () => `Bearer ${await mintToken(keys, { ...users.gpClinician, orgType: 'pharmacy' as never })}`,
      'invalid_claims',
    ],
    [
      'a token without an expiry',
      async () =>
        `Bearer ${await new SignJWT({ org_ods_code: 'A81001', org_type: 'gp-practice', roles: ['clinician'] })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('u-1')
          .setIssuer(TEST_ISSUER)
          .setAudience(TEST_AUDIENCE)
          .sign(keys.privateKey)}`,
      'invalid_claims',
    ],
  ];

  it.each(badTokens)('refuses %s with 401 and runs nothing', async (_kind, header, failure) => {
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', await header());
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="stepwell", error="invalid_token", error_description="${failure}"`,
    );
    expect(JSON.parse(response.text)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(handlerCalls.count).toBe(0);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await mintToken(keys, users.gpClinician, { exp: now() - 5 });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
  });

  it('answers a wrong role with 403 FORBIDDEN_ROLE and runs nothing', async () => {
    const token = await mintToken(keys, users.linkWorker);
    const response = await request(app.getHttpServer()).get('/admin/settings').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
    expect(handlerCalls.count).toBe(0);
  });

  it('authenticates before checking roles, so a role-protected route without a token is 401', async () => {
    const response = await request(app.getHttpServer()).get('/admin/settings');
    expect(response.status).toBe(401);
    expect(handlerCalls.count).toBe(0);
  });

  it('lets the right role through', async () => {
    const token = await mintToken(keys, users.admin);
    const response = await request(app.getHttpServer()).get('/admin/settings').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(handlerCalls.count).toBe(1);
  });
});

describe('authentication with a required assurance level', () => {
  let keys: TestKeys;
  let app: INestApplication;

  beforeAll(async () => {
    keys = createTestKeys();
    app = await createAccessTestApp({
      auth: testAuthConfig(keys, { requiredAcr: ['AAL3'] }),
      eventStore: unusedEventStore(),
      dataSource: neverConnected,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a token without the required acr with a step-up challenge', async () => {
    handlerCalls.count = 0;
    const token = await mintToken(keys, users.gpClinician);
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
    expect(response.headers['www-authenticate']).toContain('acr_values="AAL3"');
    expect(handlerCalls.count).toBe(0);
  });

  it('refuses a token with a weaker acr', async () => {
    const token = await mintToken(keys, { ...users.gpClinician, acr: 'AAL1' });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
  });

  it('accepts a token with the required acr', async () => {
    const token = await mintToken(keys, { ...users.gpClinician, acr: 'AAL3' });
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body.acr).toBe('AAL3');
  });
});
