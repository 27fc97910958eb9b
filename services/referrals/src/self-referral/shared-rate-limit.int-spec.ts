import type { INestApplication } from '@nestjs/common';
import { users } from '@stepwell/access/testing';
import { createTestApp } from '@stepwell/http/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { loadReferralsConfig } from '../config';
import { REFERRALS_HTTP } from '../shared/http-options';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { DEFAULT_SELF_REFERRAL_RATE_LIMIT } from './self-referral-rate';

/**
 * Issue 11 item 3: the self-referral limit lived in one process's memory, keyed on the socket address. Two instances
 * behind a proxy now share one limit in PostgreSQL, keyed on the client as seen through TRUSTED_PROXIES.
 */
describe('self-referral rate limit shared by instances, through trusted proxies', () => {
  let first: ReferralsTestApp;
  let one: INestApplication;
  let second: INestApplication;
  let untrusting: INestApplication;
  const limit = DEFAULT_SELF_REFERRAL_RATE_LIMIT.limit;

  beforeAll(async () => {
    first = await startReferralsTestApp('shared_rate_limit');
    // Two more instances of the same service on the same database: one behind the same (trusted) proxy, one not.
    const env = { DATABASE_URL: first.database.url, ...first.issuer.env };
    second = await createTestApp(AppModule.forRoot(loadReferralsConfig(undefined, { ...env, TRUSTED_PROXIES: '127.0.0.1,::1' })), REFERRALS_HTTP);
    one = await createTestApp(AppModule.forRoot(loadReferralsConfig(undefined, { ...env, TRUSTED_PROXIES: '127.0.0.1,::1' })), REFERRALS_HTTP);
    // The first instance trusts no proxy (TRUSTED_PROXIES unset).
    untrusting = first.app;
  });
  afterAll(async () => {
    await one.close();
    await second.close();
    await first.close();
  });

  let seed = 900;
  const form = () => {
    const { source: _source, ...rest } = referralFor(seed++);
    return rest;
  };
  const selfRefer = (app: INestApplication, client: string) =>
    request(app.getHttpServer()).post('/self-referrals').set('X-Forwarded-For', client).send(form());

  it('counts one client across two instances: the limit is the limit, not the limit per instance', async () => {
    const client = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await selfRefer(i % 2 === 0 ? one : second, client)).status);
    expect(statuses).toEqual(Array(limit).fill(201));
    const before = await first.allEvents();
    const refused = await selfRefer(second, client).expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    await selfRefer(one, client).expect(429);
    expect(await first.allEvents()).toEqual(before);
  });

  it('does not lock out other clients behind the same proxy', async () => {
    await selfRefer(one, '203.0.113.8').expect(201);
    await selfRefer(second, '198.51.100.20, 203.0.113.99').expect(201);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not reset the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) statuses.push((await selfRefer(second, `2001:db8:7:9::${(i + 1).toString(16)}`)).status);
    expect(statuses).toEqual([...Array(limit).fill(201), 429]);
    await selfRefer(second, '2001:db8:7:a::1').expect(201);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: forging it does not escape the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) statuses.push((await selfRefer(untrusting, `192.0.2.${i + 1}`)).status);
    expect(statuses).toEqual([...Array(limit).fill(201), 429]);
  });

  it('limits authenticated writes per organisation across instances (RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE), after authentication', async () => {
    const env = { DATABASE_URL: first.database.url, ...first.issuer.env, RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: '2' };
    const a = await createTestApp(AppModule.forRoot(loadReferralsConfig(undefined, env)), REFERRALS_HTTP);
    const b = await createTestApp(AppModule.forRoot(loadReferralsConfig(undefined, env)), REFERRALS_HTTP);
    try {
      const gp = await first.issuer.bearer(users.gpClinician);
      const post = (app: INestApplication) => request(app.getHttpServer()).post('/referrals').set('Authorization', gp).send(referralFor(seed++));
      // Earlier tests in this minute wrote as other callers only (anonymous self-referrals): the GP practice starts at 0.
      const statuses = [(await post(a)).status, (await post(b)).status];
      expect(statuses).toEqual([201, 201]);
      const refused = await post(a).expect(429);
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      // Another organisation is not affected.
      const therapist = await first.issuer.bearer(users.therapist);
      const other = await request(b.getHttpServer()).post('/referrals').set('Authorization', therapist).send(referralFor(seed++));
      expect(other.status).not.toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
