import {
  Body,
  type CallHandler,
  Controller,
  type ExecutionContext,
  Get,
  Headers,
  HttpCode,
  Injectable,
  Module,
  type NestInterceptor,
  Param,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import request from 'supertest';
import { revisionFromIfMatch } from '../etag';
import { PageQuery } from '../pagination/page.query';
import { PROBLEM_TYPE_BASE } from '../problems/problem-details';
import { createTestApp } from '../testing/create-test-app';
import { jsonDepthExceeds } from './json-text';
import { parseStrictDate } from '@stepwell/contracts';
import { IsStrictDate } from './strict-date';

class PatientDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

class RiskDto {
  @IsBoolean()
  selfHarm!: boolean;
}

class NoteDto {
  @IsString()
  @Length(1, 50)
  text!: string;
}

class FormDto {
  @ValidateNested()
  @Type(() => PatientDto)
  patient!: PatientDto;

  @ValidateNested()
  @Type(() => RiskDto)
  riskIndicators!: RiskDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => NoteDto)
  notes?: NoteDto[];

  @IsOptional()
  @IsString()
  reason?: string;
}

class PatientParams {
  @IsUUID()
  patientId!: string;
}

class DatedQuery extends PageQuery {
  @IsOptional()
  @IsStrictDate('date')
  from?: string;

  @IsOptional()
  @IsStrictDate('date-time')
  asOf?: string;
}

const handled: unknown[] = [];
const touched: string[] = [];

/** Stands in for the patient-record interceptor: it would query the database with the route's patient id. */
@Injectable()
class TouchesTheDatabase implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    touched.push(String(context.switchToHttp().getRequest<{ params: { patientId: string } }>().params.patientId));
    return next.handle();
  }
}

const waiting: Array<() => void> = [];
const release = () => waiting.splice(0).forEach((resolve) => resolve());

@Controller()
class ContractController {
  @Post('forms')
  @HttpCode(201)
  create(@Body() body: FormDto) {
    handled.push(body);
    return { patientIsArray: Array.isArray(body.patient), riskIsArray: Array.isArray(body.riskIndicators) };
  }

  @Get('patients/:patientId/record')
  @UseInterceptors(TouchesTheDatabase)
  record(@Param() params: PatientParams) {
    return { patientId: params.patientId };
  }

  @Get('dated')
  dated(@Query() query: DatedQuery) {
    return { page: query.page, from: query.from ?? null };
  }

  @Post('conditional')
  @HttpCode(200)
  conditional(@Headers('if-match') ifMatch: string | undefined) {
    return { revision: revisionFromIfMatch(ifMatch) ?? null };
  }

  @Get('slow')
  slow(): Promise<{ ok: true }> {
    return new Promise((resolve) => {
      waiting.push(() => resolve({ ok: true }));
    });
  }
}

@Module({ controllers: [ContractController], providers: [TouchesTheDatabase] })
class ContractModule {}

const problemOf = (response: request.Response) => {
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(typeof response.body.detail).toBe('string');
  return response.body as { type: string; status: number; detail: string; errors?: Array<{ field: string }> };
};

const valid = { patient: { name: 'Sam', email: 'sam@example.org' }, riskIndicators: { selfHarm: false } };

describe('the input contract of every service (regressions from the issue 11 fuzz run)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(ContractModule, { name: 'contract', limits: { requestTimeoutMs: 300, maxConcurrentRequests: 3 } });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    handled.splice(0);
    touched.splice(0);
  });

  it('accepts a valid body', async () => {
    await http().post('/forms').send(valid).expect(201, { patientIsArray: false, riskIsArray: false });
  });

  it('deep JSON: ten thousand levels are a 400 problem before any transformation (was a RangeError 500)', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const response = await http().post('/forms').set('content-type', 'application/json').send(deep).expect(400);
    expect(problemOf(response).detail).toMatch(/deeper than 32 levels/);
    expect(handled).toHaveLength(0);
  });

  it('counts nesting on the raw text, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[["}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[[","b":[[[1]]]}', 3)).toBe(true);
  });

  it.each([
    ['"patient": [] (an array where an object is declared)', { ...valid, patient: [] }, 'patient'],
    ['"patient": "Sam"', { ...valid, patient: 'Sam' }, 'patient'],
    ['"riskIndicators": [{…}] (risk answers in an array were stored as no risk)', { ...valid, riskIndicators: [{ selfHarm: true }] }, 'riskIndicators'],
    ['"notes": {…} (an object where an array is declared)', { ...valid, notes: { text: 'x' } }, 'notes'],
    ['"notes": ["x"] (an item that is not an object)', { ...valid, notes: ['x'] }, 'notes[0]'],
  ])('objects must be objects: %s → 400 naming the field', async (_name, body, field) => {
    const response = await http().post('/forms').send(body).expect(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
    expect(handled).toHaveLength(0);
  });

  it('a wrongly-shaped field does not hide the others: every invalid field is named, each once', async () => {
    // Was: only the shape errors (here `notes`), as if the other fields were fine (MDT meeting with "attendees": "x").
    const body = { patient: 'Sam', riskIndicators: { selfHarm: 'no' }, notes: 'x', reason: 5 };
    const response = await http().post('/forms').send(body).expect(400);
    const fields = problemOf(response).errors?.map((error) => error.field) ?? [];
    expect([...fields].sort()).toEqual(['notes', 'patient', 'reason', 'riskIndicators.selfHarm']);
    // The shape rule's message, not class-validator's, for the wrongly-shaped fields.
    const messages = Object.fromEntries((response.body.errors as Array<{ field: string; messages: string[] }>).map((error) => [error.field, error.messages]));
    expect(messages['notes']).toEqual(['notes must be an array']);
    expect(messages['patient']).toEqual(['patient must be an object']);
    expect(handled).toHaveLength(0);
  });

  it.each([
    ['a NUL in free text', { ...valid, reason: 'low\u0000mood' }, 'reason'],
    ['a lone high surrogate in free text', { ...valid, reason: 'low \ud800 mood' }, 'reason'],
    ['a lone low surrogate in a nested name', { ...valid, patient: { name: '\udc00' } }, 'patient.name'],
    ['a NUL in an email (isEmail threw)', { ...valid, patient: { name: 'Sam', email: 'sam\u0000@example.org' } }, 'patient.email'],
    ['a lone surrogate in an email', { ...valid, patient: { name: 'Sam', email: 'sam\ud800@example.org' } }, 'patient.email'],
  ])('text must be text: %s → 400 naming the field', async (_name, body, field) => {
    const response = await http().post('/forms').send(JSON.stringify(body)).set('content-type', 'application/json').expect(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual([field]);
    expect(handled).toHaveLength(0);
  });

  it('keeps tabs, newlines and paired surrogates (emoji) in text', async () => {
    await http().post('/forms').send({ ...valid, reason: 'line one\n\tline two 🙂' }).expect(201);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the prototype key %s, at the top and nested', async (key) => {
    const top = await http().post('/forms').set('content-type', 'application/json').send(`{"patient":{"name":"Sam"},"riskIndicators":{"selfHarm":false},"${key}":{"isAdmin":true}}`).expect(400);
    expect(problemOf(top).errors?.[0]?.field).toBe(key);
    const nested = await http().post('/forms').set('content-type', 'application/json').send(`{"patient":{"name":"Sam","${key}":{"x":1}},"riskIndicators":{"selfHarm":false}}`).expect(400);
    expect(problemOf(nested).errors?.[0]?.field).toBe(`patient.${key}`);
    expect(handled).toHaveLength(0);
  });

  it('%00 as a patient id is a 400 before any interceptor touches the database', async () => {
    const response = await http().get('/patients/%00/record').expect(400);
    problemOf(response);
    expect(touched).toEqual([]);
  });

  it('a malformed percent-encoding in the path is a 400, not a 500', async () => {
    problemOf(await http().get('/patients/%E0%A4%A/record').expect(400));
    expect(touched).toEqual([]);
  });

  it('a path parameter its DTO refuses is a 400 before any interceptor runs', async () => {
    const response = await http().get('/patients/not-a-uuid/record').expect(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual(['patientId']);
    expect(touched).toEqual([]);
    const id = '3f2a8c1e-9b7d-4e5f-a1b2-c3d4e5f6a7b8';
    await http().get(`/patients/${id}/record`).expect(200, { patientId: id });
    expect(touched).toEqual([id]);
  });

  it.each([
    ['"00"', 400],
    ['"01"', 400],
    ['*', 400],
    ['"1", "2"', 400],
    ['W/"0"', 400],
  ])('If-Match %s is not the ETag "0": %d problem naming If-Match', async (header, status) => {
    const response = await http().post('/conditional').set('If-Match', header).expect(status);
    expect(problemOf(response).errors?.[0]?.field).toBe('If-Match');
  });

  it('If-Match "0" and "12" are revisions 0 and 12', async () => {
    await http().post('/conditional').set('If-Match', '"0"').expect(200, { revision: 0 });
    await http().post('/conditional').set('If-Match', '"12"').expect(200, { revision: 12 });
  });

  it.each(['1e20', '10001', '-1', '1.5'])('page=%s is a 400 naming page (1e20 overflowed the offset into a 500)', async (page) => {
    const response = await http().get('/dated').query({ page }).expect(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual(['page']);
  });

  it('page=10000 is the last page accepted', async () => {
    await http().get('/dated').query({ page: '10000' }).expect(200, { page: 10000, from: null });
  });

  it.each(['2026-W01', '2026-001', '2026-02-30', '20260301', '2026-3-1', '2026-03-01T09:00:00'])(
    'from=%s is a 400 naming the field (only YYYY-MM-DD is documented)',
    async (from) => {
      const response = await http().get('/dated').query({ from }).expect(400);
      expect(problemOf(response).errors).toEqual([{ field: 'from', messages: ['from must be a calendar date YYYY-MM-DD'] }]);
    },
  );

  it.each(['2026-03-01', '2026-03-01T09:00', '2026-03-01t09:00:00Z', '2026-03-01T24:00:00Z', '2026-W01'])(
    'asOf=%s is a 400 naming the field (only RFC 3339 date-times with offset)',
    async (asOf) => {
      const response = await http().get('/dated').query({ asOf }).expect(400);
      expect(problemOf(response).errors?.[0]?.field).toBe('asOf');
    },
  );

  it('parses the documented forms', () => {
    // 29 February of the next leap year and of the (non-leap) year after it, from today's year: no fixed date.
    const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    let leapYear = new Date().getUTCFullYear() + 1;
    while (!isLeap(leapYear)) leapYear++;
    expect(parseStrictDate(`${leapYear}-02-29`, 'date')).toBe(Date.UTC(leapYear, 1, 29));
    expect(parseStrictDate('2026-03-01T09:30:00+01:00', 'date-time')).toBe(Date.UTC(2026, 2, 1, 8, 30));
    expect(parseStrictDate('2026-03-01T09:30:00.123Z')).toBe(Date.UTC(2026, 2, 1, 9, 30, 0, 123));
    expect(parseStrictDate(`${leapYear + 1}-02-29`)).toBeUndefined();
  });

  it('a body over 256 kB is a 413 problem', async () => {
    const response = await http().post('/forms').send({ ...valid, reason: 'x'.repeat(300 * 1024) }).expect(413);
    expect(problemOf(response).type).toBe(`${PROBLEM_TYPE_BASE}payload-too-large`);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('a %s body is a 415 problem', async (type) => {
    const response = await http().post('/forms').set('content-type', type).send('patient=Sam').expect(415);
    expect(problemOf(response).type).toBe(`${PROBLEM_TYPE_BASE}unsupported-media-type`);
    expect(handled).toHaveLength(0);
  });

  it.each(['{"patient":', '"just a string"', '[1,2', 'null'])('malformed or non-object JSON %s is a 400 problem', async (body) => {
    const response = await http().post('/forms').set('content-type', 'application/json').send(body).expect(400);
    problemOf(response);
    expect(handled).toHaveLength(0);
  });

  it('an array with more than 1,000 items is a 400 naming it', async () => {
    const response = await http().post('/forms').send({ ...valid, notes: Array.from({ length: 1001 }, () => ({ text: 'x' })) }).expect(400);
    expect(problemOf(response).errors?.[0]?.field).toBe('notes');
  });

  it.each([
    ['201 characters', 'k'.repeat(201)],
    ['a space', 'has space'],
    ['a non-ASCII character', 'clé'],
  ])('an Idempotency-Key with %s is a 400 naming the header', async (_name, key) => {
    const response = await http().post('/forms').set('Idempotency-Key', key).send(valid).expect(400);
    expect(problemOf(response).errors?.[0]?.field).toBe('Idempotency-Key');
  });

  it('an Idempotency-Key of 200 printable characters is accepted', async () => {
    await http().post('/forms').set('Idempotency-Key', 'k'.repeat(200)).send(valid).expect(201);
  });

  it('a break-glass reason longer than 1,000 characters is a 400', async () => {
    await http().get('/dated').set('X-Break-Glass-Reason', 'r'.repeat(1001)).expect(400);
  });

  it('a request not answered within the timeout is a 503 problem with Retry-After', async () => {
    const started = Date.now();
    const response = await http().get('/slow').expect(503);
    release();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.headers['retry-after']).toBe('1');
    expect(problemOf(response).type).toBe(`${PROBLEM_TYPE_BASE}request-timeout`);
  });

  it('more requests at once than the limit are answered 429 with Retry-After, not queued', async () => {
    const server = app.getHttpServer();
    const slow = [0, 1, 2].map(() => request(server).get('/slow').then((response) => response.status));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await request(server).get('/dated').expect(429);
    expect(refused.headers['retry-after']).toBe('1');
    problemOf(refused);
    release();
    await Promise.all(slow);
    await http().get('/dated').expect(200);
  });
});
