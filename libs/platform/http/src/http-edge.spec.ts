import { Body, Controller, Get, Headers, HttpCode, Module, Post, UnauthorizedException } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import request from 'supertest';
import { etagOf, revisionFromIfMatch } from './etag';
import { HealthModule } from './health/health.module';
import { PROBLEM_TYPE_BASE } from './problems/problem-details';
import { PUBLIC_ROUTE } from './public-route';
import { createTestApp } from './testing/create-test-app';

class PatientDto {
  @Matches(/^\d{10}$/)
  nhsNumber!: string;
}

class ExampleDto {
  @IsIn(['routine', 'urgent'])
  urgency!: string;

  @IsString()
  reason!: string;

  @ValidateNested()
  @Type(() => PatientDto)
  patient!: PatientDto;
}

class DomainRuleBroken extends Error {
  readonly code = 'ILLEGAL_TRANSITION';
}

class ThingNotFound extends Error {
  readonly code = 'THING_NOT_FOUND';
}

/** Shaped like @stepwell/access's UnauthenticatedError: an HTTP exception with a code and headers to send. */
class TokenRefused extends UnauthorizedException {
  readonly code = 'UNAUTHENTICATED';
  readonly headers = { 'WWW-Authenticate': 'Bearer realm="stepwell", error="invalid_token", error_description="expired"' };
  constructor() {
    super({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'A valid bearer token is required' });
  }
}

/** An error with headers but a code the table does not know: its headers must not be trusted. */
class UnknownWithHeaders extends Error {
  readonly code = 'SOMETHING_ELSE';
  readonly headers = { 'Set-Cookie': 'session=stolen' };
}

class AuditDown extends Error {
  readonly code = 'AUDIT_UNAVAILABLE';
}

const received: ExampleDto[] = [];

@Controller('examples')
class ExampleController {
  @Post()
  @HttpCode(201)
  create(@Body() body: ExampleDto) {
    received.push(body);
    return { ok: true, isInstance: body instanceof ExampleDto };
  }

  @Post('illegal')
  illegal(): never {
    throw new DomainRuleBroken('A withdrawn thing cannot be accepted');
  }

  @Get('missing')
  missing(): never {
    throw new ThingNotFound('No thing with that id');
  }

  @Get('token-refused')
  tokenRefused(): never {
    throw new TokenRefused();
  }

  @Get('unknown-with-headers')
  unknownWithHeaders(): never {
    throw new UnknownWithHeaders('nope');
  }

  @Get('audit-down')
  auditDown(): never {
    throw new AuditDown('The access could not be audited');
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: patient 943 476 5919');
  }

  @Post('conditional')
  conditional(@Headers('if-match') ifMatch: string | undefined) {
    const expected = revisionFromIfMatch(ifMatch);
    if (expected !== undefined && expected !== 2) return { stale: true };
    return { etag: etagOf(2) };
  }
}

@Module({ imports: [HealthModule.forRoot({ readiness: () => [] })], controllers: [ExampleController] })
class ExampleModule {}

describe('the HTTP edge', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(ExampleModule, {
      name: 'example',
      errorMappings: { THING_NOT_FOUND: { status: 404, slug: 'thing-not-found', title: 'Thing not found' } },
    });
  });
  afterAll(() => app.close());
  beforeEach(() => received.splice(0));

  const valid = { urgency: 'routine', reason: 'low mood', patient: { nhsNumber: '9434765919' } };

  it('hands a valid body to the handler as a DTO instance', async () => {
    const response = await http().post('/examples').send(valid).expect(201);
    expect(response.body).toEqual({ ok: true, isInstance: true });
  });

  it('answers invalid fields with a 400 problem naming each field, nested paths included, and never calls the handler', async () => {
    const response = await http()
      .post('/examples')
      .send({ urgency: 'whenever', patient: { nhsNumber: '12' } })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}validation-failed`,
      title: 'The request is not valid',
      status: 400,
    });
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'patient.nhsNumber',
      'reason',
      'urgency',
    ]);
    expect(received).toHaveLength(0);
  });

  it('refuses unknown properties, at the top and nested, instead of dropping them', async () => {
    const response = await http()
      .post('/examples')
      .send({ ...valid, isAdmin: true, patient: { nhsNumber: '9434765919', name: 'Jo' } })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['isAdmin', 'patient.name']);
    expect(received).toHaveLength(0);
  });

  it('answers a malformed JSON body with a 400 problem that does not echo the body', async () => {
    const response = await http()
      .post('/examples')
      .set('content-type', 'application/json')
      .send('{"urgency": "routine", "reason": Jo Bloggs}')
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}malformed-body`, status: 400 });
    expect(JSON.stringify(response.body)).not.toContain('Bloggs');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await http().get('/nowhere').expect(404).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}not-found`, title: 'Not Found', status: 404 });
  });

  it('maps a domain error code through the table (defaults and service additions)', async () => {
    const illegal = await http().post('/examples/illegal').expect(409);
    expect(illegal.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}illegal-transition`,
      status: 409,
      detail: 'A withdrawn thing cannot be accepted',
      code: 'ILLEGAL_TRANSITION',
    });
    const missing = await http().get('/examples/missing').expect(404);
    expect(missing.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}thing-not-found`, title: 'Thing not found' });
  });

  it('maps an access error to its problem and copies the headers it carries (WWW-Authenticate)', async () => {
    const response = await http().get('/examples/token-refused').expect(401).expect('content-type', /application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="stepwell", error="invalid_token", error_description="expired"');
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}unauthenticated`, status: 401, code: 'UNAUTHENTICATED' });
  });

  it('maps an unavailable audit trail to 503', async () => {
    const response = await http().get('/examples/audit-down').expect(503);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}audit-unavailable`, code: 'AUDIT_UNAVAILABLE' });
  });

  it('never copies headers from an error whose code is not in the table', async () => {
    const response = await http().get('/examples/unknown-with-headers').expect(500);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('marks the health controller (health and readiness) as public, for the access guard to honour', () => {
    const controllers = HealthModule.forRoot({ readiness: () => [] }).controllers ?? [];
    expect(controllers).toHaveLength(1);
    expect(Reflect.getMetadata(PUBLIC_ROUTE, controllers[0]!)).toBe(true);
  });

  it('answers an unexpected error with a generic 500 that leaks nothing and logs the correlation id', async () => {
    const logged: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    const response = await http().get('/examples/boom').set('X-Correlation-Id', '0e4c2f6a-1b3d-4c5e-8f70-9a1b2c3d4e5f').expect(500);
    spy.mockRestore();
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}internal-error`, status: 500, correlationId: '0e4c2f6a-1b3d-4c5e-8f70-9a1b2c3d4e5f' });
    expect(JSON.stringify(response.body)).not.toContain('secret');
    expect(logged.join('')).toContain('0e4c2f6a-1b3d-4c5e-8f70-9a1b2c3d4e5f');
  });

  it('echoes an X-Correlation-Id that is a UUID and replaces anything else with a new UUID', async () => {
    const id = '3f2a8c1e-9b7d-4e5f-a1b2-c3d4e5f6a7b8';
    const given = await http().get('/health').set('X-Correlation-Id', id).expect(200);
    expect(given.headers['x-correlation-id']).toBe(id);
    for (const bad of ['abc-123', 'bad id with spaces', 'x'.repeat(100)]) {
      const made = await http().get('/health').set('X-Correlation-Id', bad).expect(200);
      expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(made.headers['x-correlation-id']).not.toBe(bad);
    }
  });

  it('turns an If-Match that is not one of our ETags into a 400 problem naming If-Match', async () => {
    await http().post('/examples/conditional').set('If-Match', '"2"').expect(201, { etag: '"2"' });
    const response = await http().post('/examples/conditional').set('If-Match', 'W/"2"').expect(400);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}validation-failed`, status: 400 });
    expect(response.body.errors[0].field).toBe('If-Match');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/examples', '/health', '/ready']));
    const ui = await http().get('/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
