import { Controller, Get, Logger, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createPostgresEventStore, type PostgresEventStore } from '@stepwell/event-store';
import { createValidationPipe, DEFAULT_ERROR_MAPPINGS, ProblemDetailsFilter, RequestValidationError } from '@stepwell/http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccessModule } from '../access.module';
import { accessStreamId, type AccessRefused } from '../audit/access-events';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '../policy/access-target';
import { PatientAccess } from '../policy/patient-access.decorator';
import { createRelationshipDatabase, type RelationshipDatabase } from '../testing/relationship-database';
import { createTestKeys, mintToken, testAuthConfig, type TestKeys, type TestUser } from '../testing/test-tokens';
import { Roles } from './roles.decorator';
import { ROLE_NOT_SERVED } from './roles.guard';

const HOLDER = 'RXT01';
const handlerRuns = { count: 0 };
/** The service's records: id → patient. Ids are `r-…`; anything else is malformed (the service's 400). */
const records = new Map<string, string>();

class NotFound extends Error {
  readonly code = 'NOT_FOUND';
}

class TestRecords implements AccessTargetResolver {
  async resolve(type: AccessTarget['type'], id: string, param = 'id'): Promise<AccessTarget | null> {
    if (!/^r-[0-9a-f-]{36}$/.test(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be a record id`] }]);
    const patientSubjectId = records.get(id);
    if (!patientSubjectId) return null;
    return { type, id, patientSubjectId, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: false, holderOrganisationId: HOLDER };
  }

  notFound(): Error {
    return new NotFound('No such record');
  }
}

@Controller('records')
class RecordsController {
  /** A route that names one patient record and also narrows its roles with `@Roles`. */
  @Get(':id')
  @Roles('clinician')
  @PatientAccess({ action: 'record.read', target: { type: 'record', param: 'id' }, resource: 'test-record' })
  read(@Param('id') id: string): { id: string } {
    handlerRuns.count += 1;
    return { id };
  }

  /** A role-gated worklist: it names no record, so a role refusal has no trail to go on. */
  @Get()
  @Roles('clinician')
  @PatientAccess({ action: 'record.read', resource: 'test-record', items: { field: 'items', type: 'record', action: 'record.read' } })
  list(): { items: unknown[] } {
    handlerRuns.count += 1;
    return { items: [] };
  }
}

const holderAdmin: TestUser = { user: 'u-rt-admin', org: HOLDER, orgType: 'talking-therapies', roles: ['admin'] };
const holderClinician: TestUser = { user: 'u-rt-clin', org: HOLDER, orgType: 'talking-therapies', roles: ['clinician'] };
const strangerOps: TestUser = { user: 'u-rt-ops', org: 'QWE01', orgType: 'commissioner', roles: ['ops'] };

describe('a @Roles refusal on a route that names a patient record is on that record’s access trail', () => {
  let keys: TestKeys;
  let db: RelationshipDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;

  const tokens = new Map<TestUser, string>();
  const get = (path: string, who: TestUser, headers: Record<string, string> = {}) => {
    let call = request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens.get(who) ?? ''}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call;
  };
  const newRecord = (): { id: string; patient: string } => {
    const id = `r-${randomUUID()}`;
    const patient = `p-${randomUUID()}`;
    records.set(id, patient);
    return { id, patient };
  };
  /** What names the request itself (its path and correlation id) aside, two problems must be the same. */
  const same = (body: Record<string, unknown>) => ({ ...body, instance: null, correlationId: null });
  const allAccessEvents = async () => (await store.readAll({ maxCount: 10_000 })).filter((e) => e.streamId.startsWith('access-'));

  beforeAll(async () => {
    keys = createTestKeys();
    for (const who of [holderAdmin, holderClinician, strangerOps]) tokens.set(who, await mintToken(keys, who));
    db = await createRelationshipDatabase('role_refusal_trail');
    store = await createPostgresEventStore({ connectionString: db.database.url, schema: 'event_store' });
    const moduleRef = await Test.createTestingModule({
      imports: [AccessModule.forRoot({ auth: testAuthConfig(keys), eventStore: store, dataSource: db.dataSource })],
      controllers: [RecordsController],
      providers: [{ provide: ACCESS_TARGET_RESOLVER, useClass: TestRecords }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter(DEFAULT_ERROR_MAPPINGS, new Logger('ProblemDetails')));
    app.useGlobalPipes(createValidationPipe());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await db?.close();
  });

  beforeEach(() => {
    handlerRuns.count = 0;
  });

  it('records one AccessRefused (who, action, why; no patient data) on the record’s trail, without running the handler', async () => {
    const { id, patient } = newRecord();
    const response = await get(`/records/${id}`, holderAdmin, { 'X-Correlation-Id': 'corr-role-1' }).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN_ROLE', status: 403 });
    expect(handlerRuns.count).toBe(0);
    const trail = await store.readStream(accessStreamId(patient));
    expect(trail.map((e) => e.type)).toEqual(['AccessRefused']);
    expect(trail[0]?.data).toEqual<AccessRefused>({
      userId: holderAdmin.user,
      organisationId: HOLDER,
      organisationType: 'talking-therapies',
      role: 'admin',
      patientSubjectId: patient,
      resource: 'test-record',
      correlationId: 'corr-role-1',
      at: expect.any(String) as string,
      action: 'record.read',
      resourceIds: [id],
      outcome: 'forbidden',
      why: ROLE_NOT_SERVED,
      breakGlassAttempted: false,
    });
  });

  it('answers the same 403 for a real record, an unknown id and a malformed id; only the real one is recorded', async () => {
    const { id, patient } = newRecord();
    const before = (await allAccessEvents()).length;
    const real = await get(`/records/${id}`, strangerOps).expect(403);
    const unknown = await get(`/records/r-${randomUUID()}`, strangerOps).expect(403);
    const malformed = await get('/records/not-an-id', strangerOps).expect(403);
    expect(same(real.body)).toEqual(same(unknown.body));
    expect(same(real.body)).toEqual(same(malformed.body));
    expect(real.headers['content-type']).toEqual(unknown.headers['content-type']);
    const written = (await allAccessEvents()).slice(before);
    expect(written.map((e) => [e.streamId, e.type])).toEqual([[accessStreamId(patient), 'AccessRefused']]);
    expect(written[0]?.data).toMatchObject({ organisationId: 'QWE01', role: 'ops', outcome: 'forbidden', why: ROLE_NOT_SERVED });
    expect(JSON.stringify(real.body)).not.toContain(patient);
  });

  it('notes a break-glass attempt by a role the route never serves', async () => {
    const { id, patient } = newRecord();
    await get(`/records/${id}`, holderAdmin, { 'X-Break-Glass-Reason': 'Emergency: overdose reported by A&E' }).expect(403);
    const trail = await store.readStream(accessStreamId(patient));
    expect(trail.map((e) => [e.type, (e.data as AccessRefused).breakGlassAttempted])).toEqual([['AccessRefused', true]]);
  });

  it('lets a role the route serves through to the policy, which reads and audits as before', async () => {
    const { id, patient } = newRecord();
    await get(`/records/${id}`, holderClinician).expect(200);
    expect(handlerRuns.count).toBe(1);
    expect((await store.readStream(accessStreamId(patient))).map((e) => e.type)).toEqual(['PatientRecordAccessed']);
  });

  it('records nothing for a role-gated route that names no record (a worklist)', async () => {
    const before = (await allAccessEvents()).length;
    const response = await get('/records', holderAdmin).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await allAccessEvents()).toHaveLength(before);
    expect(handlerRuns.count).toBe(0);
  });
});
