import { Body, Controller, Get, type INestApplication, Injectable, type CanActivate, type ExecutionContext, Module, Post } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IsString } from 'class-validator';
import request from 'supertest';
import { createTestApp } from '../testing/create-test-app';
import { clientAddressOf, rateLimitSubject, trustedProxyList } from './client-address';
import { OrganisationWriteLimitGuard } from './organisation-write-limit.guard';
import { RATE_LIMITER, RateLimitedError, type RateLimiter, type RateRule, type Reservation } from './rate-limiter';

describe('the client address through TRUSTED_PROXIES', () => {
  const trusted = trustedProxyList(['10.0.0.0/8', '::1']);
  const from = (peer: string, forwarded?: string) =>
    clientAddressOf({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }, trusted);

  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(from('198.51.100.1', '203.0.113.5')).toBe('198.51.100.1');
    expect(from('::ffff:198.51.100.1')).toBe('198.51.100.1');
  });

  it('is the first untrusted hop from the right behind trusted proxies', () => {
    expect(from('10.0.0.2', '203.0.113.5')).toBe('203.0.113.5');
    expect(from('10.0.0.2', '192.0.2.9, 203.0.113.5, 10.1.1.1')).toBe('203.0.113.5');
    expect(from('::1', '2001:db8::1')).toBe('2001:db8::1');
  });

  it('stops at the last trusted hop on a malformed entry', () => {
    expect(from('10.0.0.2', 'garbage, 10.0.0.3')).toBe('10.0.0.3');
    expect(from('10.0.0.2')).toBe('10.0.0.2');
  });

  it('counts an IPv6 client by its /64 and an IPv4 client by its address', () => {
    expect(rateLimitSubject('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('203.0.113.5')).toBe('203.0.113.5');
  });
});

/** In memory, for this test only: the services' limiter is PostgresRateLimiter (tested across instances in referrals). */
class CountingLimiter implements RateLimiter {
  readonly counts = new Map<string, number>();
  async take(bucket: string, subject: string, rule: RateRule): Promise<void> {
    if ((await this.reserve(bucket, subject, rule, 1)).granted === 0) throw new RateLimitedError(7);
  }
  async reserve(bucket: string, subject: string, rule: RateRule, wanted: number): Promise<Reservation> {
    const key = `${bucket}/${subject}`;
    const count = (this.counts.get(key) ?? 0) + wanted;
    this.counts.set(key, count);
    // Retry-After 7 s: the window ends 6.x s from now.
    return { granted: Math.min(wanted, Math.max(0, rule.limit - (count - wanted))), windowStart: 0, expiresAt: Date.now() + 6_500 };
  }
}

/** Stands in for @stepwell/access's authentication guard: the organisation from a header. */
@Injectable()
class FakeAuthentication implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string>; principal?: unknown }>();
    if (req.headers['x-org']) req.principal = { organisationId: req.headers['x-org'] };
    return true;
  }
}

class ThingDto {
  @IsString()
  name!: string;
}

const written: string[] = [];

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: ThingDto) {
    written.push(body.name);
    return { ok: true };
  }

  @Get()
  list() {
    return { items: written };
  }
}

const limiter = new CountingLimiter();

@Module({
  controllers: [ThingsController],
  providers: [
    { provide: RATE_LIMITER, useValue: limiter },
    { provide: APP_GUARD, useClass: FakeAuthentication },
    // As @stepwell/service-host registers it: after the authentication guard.
    { provide: APP_GUARD, useFactory: () => new OrganisationWriteLimitGuard(limiter, { limit: 3, windowMs: 60_000 }) },
  ],
})
class ThingsModule {}

describe('the per-organisation limit on authenticated writes', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(ThingsModule, { name: 'things' });
  });
  afterAll(() => app.close());

  it('refuses an organisation’s writes past the limit with 429 + Retry-After before the handler, other organisations and reads unaffected', async () => {
    const http = () => request(app.getHttpServer());
    for (let i = 0; i < 3; i++) await http().post('/things').set('x-org', 'RAA').send({ name: `a${i}` }).expect(201);
    const refused = await http().post('/things').set('x-org', 'RAA').send({ name: 'a3' }).expect(429);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(written).toEqual(['a0', 'a1', 'a2']);
    await http().post('/things').set('x-org', 'RBB').send({ name: 'b0' }).expect(201);
    await http().get('/things').set('x-org', 'RAA').expect(200);
    // Anonymous writes are not counted here (public forms have per-address limits of their own).
    await http().post('/things').send({ name: 'anon' }).expect(201);
  });
});
