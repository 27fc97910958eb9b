import type { INestApplication } from '@nestjs/common';
import { createPostgresEventStore, type PostgresEventStore, type RecordedEvent } from '@stepwell/event-store';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { applyCareRelationshipEvent } from '../relationships/apply-care-relationship-event';
import type { CareRelationshipParticipant } from '../relationships/care-relationship-event';
import { createAccessTestApp, handlerCalls } from '../testing/access-test-app';
import { createRelationshipDatabase, type RelationshipDatabase } from '../testing/relationship-database';
import { createTestKeys, mintToken, testAuthConfig, users, type TestKeys, type TestUser } from '../testing/test-tokens';
import { accessStreamId, type BreakGlassAccessGranted, type PatientRecordAccessed } from './access-events';

const NOW = new Date('2026-11-21T09:15:00.000Z');
const clock = (): Date => NOW;

describe('patient data access: relationship, minimum necessary, break-glass and audit', () => {
  let keys: TestKeys;
  let db: RelationshipDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  const tokens = new Map<string, string>();

  async function tokenFor(who: TestUser): Promise<string> {
    const existing = tokens.get(who.user);
    if (existing) return existing;
    const token = await mintToken(keys, who);
    tokens.set(who.user, token);
    return token;
  }

  async function get(path: string, who: TestUser, headers: Record<string, string> = {}) {
    let call = request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${await tokenFor(who)}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call;
  }

  async function relate(patientSubjectId: string, ...participants: CareRelationshipParticipant[]): Promise<void> {
    await applyCareRelationshipEvent(db.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.hand-made.v1',
      patientSubjectId,
      occurredAt: '2026-11-01T10:00:00Z',
      participants,
    });
  }

  const accessEvents = (patientSubjectId: string): Promise<RecordedEvent[]> => store.readStream(accessStreamId(patientSubjectId));
  const newPatient = (): string => `p-${randomUUID()}`;

  beforeAll(async () => {
    keys = createTestKeys();
    db = await createRelationshipDatabase('patient_access');
    store = await createPostgresEventStore({ connectionString: db.database.url, schema: 'event_store' });
    app = await createAccessTestApp({ auth: testAuthConfig(keys), eventStore: store, dataSource: db.dataSource, clock });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await db?.close();
  });

  beforeEach(() => {
    handlerCalls.count = 0;
  });

  it('refuses an organisation with no relationship with 403 and no data, without running the read or auditing', async () => {
    const patient = newPatient();
    const response = await get(`/patients/${patient}/summary`, users.gpClinician);
    expect(response.status).toBe(403);
    const { instance, ...problem } = JSON.parse(response.text) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: 'https://stepwell.example/problems/no-legitimate-relationship',
      status: 403,
      code: 'NO_LEGITIMATE_RELATIONSHIP',
    });
    // The path the caller asked for is echoed as `instance`; nothing else about the patient is.
    expect(instance).toBe(`/patients/${patient}/summary`);
    expect(JSON.stringify(problem)).not.toContain(patient);
    expect(handlerCalls.count).toBe(0);
    expect(await accessEvents(patient)).toEqual([]);
  });

  it('allows the read once a relationship event has been applied, and audits it', async () => {
    const patient = newPatient();
    expect((await get(`/patients/${patient}/summary`, users.gpClinician)).status).toBe(403);
    await relate(patient, { organisationId: 'A81001', reason: 'referrer' }, { organisationId: 'RXT01', reason: 'receiving-service' });

    const response = await get(`/patients/${patient}/summary`, users.gpClinician, { 'X-Correlation-Id': 'corr-123' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ patientSubjectId: patient, therapyNotes: expect.any(String), phq9Score: 14 });

    const events = await accessEvents(patient);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('PatientRecordAccessed');
    expect(events[0]?.data).toEqual({
      userId: 'u-gp-1',
      organisationId: 'A81001',
      organisationType: 'gp-practice',
      role: 'clinician',
      patientSubjectId: patient,
      resource: 'patient-summary',
      resourceIds: [`summary-${patient}`],
      purpose: 'direct-care',
      basis: 'relationship',
      operation: 'read',
      correlationId: 'corr-123',
      at: NOW.toISOString(),
    } satisfies PatientRecordAccessed);
    expect(events[0]?.metadata).toMatchObject({
      correlationId: 'corr-123',
      actor: { userId: 'u-gp-1', organisationId: 'A81001', role: 'clinician' },
      patientSubjectId: patient,
      occurredAt: NOW.toISOString(),
    });
  });

  it('appends one access event per read', async () => {
    const patient = newPatient();
    await relate(patient, { organisationId: 'RXT01', reason: 'step-provider' });
    for (let read = 0; read < 3; read += 1) {
      expect((await get(`/patients/${patient}/summary`, users.therapist)).status).toBe(200);
    }
    const events = await accessEvents(patient);
    expect(events.map((e) => e.type)).toEqual(['PatientRecordAccessed', 'PatientRecordAccessed', 'PatientRecordAccessed']);
    expect(new Set(events.map((e) => (e.data as PatientRecordAccessed).correlationId)).size).toBe(3);
  });

  it('shows a voluntary-sector link worker only the fields its organisation type may see', async () => {
    const patient = newPatient();
    await relate(patient, { organisationId: 'VS0042', reason: 'social-prescription-organisation' });
    const response = await get(`/patients/${patient}/summary`, users.linkWorker);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: `summary-${patient}`,
      patientSubjectId: patient,
      status: 'in-treatment',
      currentStep: 'step-2',
    });
    const events = await accessEvents(patient);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ organisationType: 'voluntary-sector', role: 'link-worker' });
  });

  it('refuses an organisation type the resource lists no fields for, before reading or auditing', async () => {
    const patient = newPatient();
    const commissioningClinician: TestUser = { user: 'u-com-2', org: 'QWE01', orgType: 'commissioner', roles: ['clinician'] };
    await relate(patient, { organisationId: 'QWE01', reason: 'referrer' });
    const response = await get(`/patients/${patient}/summary`, commissioningClinician);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'FORBIDDEN_ORGANISATION_TYPE' });
    expect(handlerCalls.count).toBe(0);
    expect(await accessEvents(patient)).toEqual([]);
  });

  it('filters every item of a search and audits each patient in it', async () => {
    const first = newPatient();
    const second = newPatient();
    await relate(first, { organisationId: 'VS0042', reason: 'social-prescription-organisation' });
    await relate(second, { organisationId: 'VS0042', reason: 'social-prescription-organisation' });
    const response = await get(`/summaries?patients=${first},${second}`, users.linkWorker);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        { id: `summary-${first}`, patientSubjectId: first, status: 'in-treatment', currentStep: 'step-2' },
        { id: `summary-${second}`, patientSubjectId: second, status: 'in-treatment', currentStep: 'step-2' },
      ],
      next: null,
    });
    expect(await accessEvents(first)).toHaveLength(1);
    expect(await accessEvents(second)).toHaveLength(1);
  });

  it('refuses a whole search when one patient in it is outside the organisation’s care, auditing nobody', async () => {
    const related = newPatient();
    const unrelated = newPatient();
    await relate(related, { organisationId: 'VS0042', reason: 'social-prescription-organisation' });
    const response = await get(`/summaries?patients=${related},${unrelated}`, users.linkWorker);
    expect(response.status).toBe(403);
    expect(response.text).not.toContain(related);
    expect(await accessEvents(related)).toEqual([]);
    expect(await accessEvents(unrelated)).toEqual([]);
  });

  it('lets a clinician break the glass with a reason, recording the grant before the audited read', async () => {
    const patient = newPatient();
    const reason = 'Patient in crisis at A&E, GP record needed for risk history';
    const response = await get(`/patients/${patient}/summary`, users.crisisClinician, {
      'X-Break-Glass-Reason': reason,
      'X-Correlation-Id': 'corr-bg-1',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ patientSubjectId: patient, phq9Score: 14 });

    const events = await accessEvents(patient);
    expect(events.map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed']);
    expect(events[0]?.data).toEqual({
      userId: 'u-crisis-1',
      organisationId: 'RCR01',
      organisationType: 'crisis-team',
      role: 'clinician',
      patientSubjectId: patient,
      resource: 'patient-summary',
      correlationId: 'corr-bg-1',
      at: NOW.toISOString(),
      reason,
      expiresAt: new Date(NOW.getTime() + 4 * 60 * 60_000).toISOString(),
    } satisfies BreakGlassAccessGranted);
    expect(events[1]?.data).toMatchObject({ basis: 'break-glass', purpose: 'emergency', breakGlassGrantId: events[0]?.id });
  });

  it('refuses break-glass to a non-clinician and records nothing', async () => {
    const patient = newPatient();
    const response = await get(`/patients/${patient}/summary`, users.linkWorker, {
      'X-Break-Glass-Reason': 'I would really like to see this record',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_NOT_PERMITTED' });
    expect(handlerCalls.count).toBe(0);
    expect(await accessEvents(patient)).toEqual([]);
  });

  it('refuses break-glass with a reason shorter than ten characters with 400 and records nothing', async () => {
    const patient = newPatient();
    const response = await get(`/patients/${patient}/summary`, users.crisisClinician, { 'X-Break-Glass-Reason': '  urgent  ' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_REASON_LENGTH' });
    expect(await accessEvents(patient)).toEqual([]);
  });

  it('does not extend break-glass to the patients of a search', async () => {
    const patient = newPatient();
    const response = await get(`/summaries?patients=${patient}`, users.crisisClinician, {
      'X-Break-Glass-Reason': 'Looking through everyone in the area today',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'NO_LEGITIMATE_RELATIONSHIP' });
    expect(await accessEvents(patient)).toEqual([]);
  });
  // The review queue (paged, scoped to the auditor's organisation) is tested in break-glass-review.int-spec.ts.
});

describe('a read whose audit event cannot be written', () => {
  let keys: TestKeys;
  let db: RelationshipDatabase;
  let auditDatabase: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;

  beforeAll(async () => {
    keys = createTestKeys();
    db = await createRelationshipDatabase('audit_outage');
    // The audit trail lives in a database of its own, so it can go away while the relationship data stays.
    auditDatabase = await createTestDatabase('audit_outage_store');
    store = await createPostgresEventStore({ connectionString: auditDatabase.url, schema: 'event_store' });
    app = await createAccessTestApp({ auth: testAuthConfig(keys), eventStore: store, dataSource: db.dataSource, clock });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close().catch(() => undefined);
    await db?.close();
  });

  it('fails with 503 and returns none of the data', async () => {
    const patient = `p-${randomUUID()}`;
    await applyCareRelationshipEvent(db.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.hand-made.v1',
      patientSubjectId: patient,
      occurredAt: '2026-11-01T10:00:00Z',
      participants: [{ organisationId: 'A81001', reason: 'referrer' }],
    });
    const token = await mintToken(keys, users.gpClinician);
    const before = await request(app.getHttpServer()).get(`/patients/${patient}/summary`).set('Authorization', `Bearer ${token}`);
    expect(before.status).toBe(200);

    // A real outage: the event store's database is dropped (its connections terminated) under the running app.
    await auditDatabase.drop();
    handlerCalls.count = 0;
    const response = await request(app.getHttpServer()).get(`/patients/${patient}/summary`).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toMatchObject({ status: 503, code: 'AUDIT_UNAVAILABLE' });
    expect(response.text).not.toContain('therapyNotes');
    // Only the requested path (`instance`) names the patient.
    const { instance, ...problem } = JSON.parse(response.text) as Record<string, unknown>;
    expect(instance).toBe(`/patients/${patient}/summary`);
    expect(JSON.stringify(problem)).not.toContain(patient);
    // The handler ran: the data was read, and withheld because its access could not be recorded.
    expect(handlerCalls.count).toBe(1);
  });
});
