import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { dueAt } from '../domain';
import { GP, newPatient, publishOffering, SPECIALIST, startConsultationsTestApp, STRANGER, unrelatedPatient, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

describe('POST /consultations', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_requests');
    await publishOffering(service);
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.allEvents();
    await act();
    expect(await service.allEvents()).toEqual(before);
  }

  it('records a request about an identified patient: 201 with Location and ETag, one ConsultationRequested by the GP, due in 2 working days, an audited change', async () => {
    const gp = await service.as(GP);
    const body = validRequest();
    const before = (await service.allEvents()).length;
    const response = await gp.post('/consultations').set('X-Correlation-Id', '00000000-0000-4000-8000-0000000c0001').send(body).expect(201);
    const id = response.body.id as string;
    expect(response.headers['location']).toBe(`/consultations/${id}`);
    expect(response.headers['etag']).toBe('"0"');
    expect(response.body).toMatchObject({
      requestingOrganisation: GP.org,
      consultationService: SPECIALIST.org,
      patient: { subjectId: body.patient.subjectId, consent: 'recorded', consentNotNeededBecause: null },
      question: body.question,
      sharedMeasureIds: ['series-phq9-1'],
      status: 'requested',
      responseTargetWorkingDays: 2,
      dueAt: dueAt(response.body.requestedAt as string, 2),
      breached: false,
      answer: null,
      thread: [],
    });
    const events = (await service.allEvents()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['ConsultationRequested', 'PatientRecordAccessed']);
    expect(events[0]).toMatchObject({
      streamId: `consultation-${id}`,
      metadata: { patientSubjectId: body.patient.subjectId, correlationId: '00000000-0000-4000-8000-0000000c0001', actor: { userId: GP.user, organisationId: GP.org, role: 'clinician' } },
    });
    expect(events[1]).toMatchObject({ streamId: `access-${body.patient.subjectId}`, data: { resource: 'consultation', operation: 'change' } });
    expect((await gp.get(`/consultations/${id}`).expect(200)).body).toEqual(response.body);
  });

  it('refuses a patient the requester has no care relationship with (hazard H-CN1): 404 as for no such person, the refusal on their access trail, nothing else written', async () => {
    const gp = await service.as(GP);
    const stranger = unrelatedPatient();
    const before = (await service.allEvents()).length;
    const response = await gp.post('/consultations').send(validRequest({ patient: { subjectId: stranger, consent: 'recorded' } })).expect(404);
    expect(response.body).toMatchObject({ code: 'PATIENT_NOT_FOUND', status: 404 });
    expect(JSON.stringify(response.body)).not.toContain(stranger);
    const events = (await service.allEvents()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['AccessRefused']);
    expect(events[0]).toMatchObject({ streamId: `access-${stranger}`, data: { action: 'consultation.request', outcome: 'not-found' } });
    // Another practice's patient, too: the practices referred only the patients the tests hand out.
    await (await service.as(STRANGER)).post('/consultations').send(validRequest()).expect(404);
  });

  it('refuses an organisation whose relationship with the patient does not cover asking (its care ended long ago): 403, nothing written but the refusal', async () => {
    const patient = unrelatedPatient();
    await service.dataSource.query(
      `INSERT INTO "consultations"."care_relationship" (patient_subject_id, organisation_id, reason, scope, since, ended_at, source_event_id, source_event_type)
       VALUES ($1, $2, 'step-provider', 'episode:ep-long-ago', now() - interval '3 years', now() - interval '2 years', 'seed-old', 'referrals.episode-discharged')`,
      [patient, GP.org],
    );
    const before = (await service.allEvents()).length;
    expect((await (await service.as(GP)).post('/consultations').send(validRequest({ patient: { subjectId: patient, consent: 'recorded' } })).expect(403)).body.code).toBe('ACTION_NOT_PERMITTED');
    expect((await service.allEvents()).slice(before).map((e) => e.type)).toEqual(['AccessRefused']);
    // Still in care: the episode's current provider may ask.
    const current = newPatient();
    await service.dataSource.query(
      `INSERT INTO "consultations"."care_relationship" (patient_subject_id, organisation_id, reason, scope, since, source_event_id, source_event_type)
       VALUES ($1, $2, 'step-provider', 'episode:ep-now', now() - interval '10 days', 'seed-now', 'referrals.episode-opened')`,
      [current, STRANGER.org],
    );
    await (await service.as(STRANGER)).post('/consultations').send(validRequest({ patient: { subjectId: current, consent: 'recorded' } })).expect(201);
  });

  it('records an anonymous case (no patient, no access trail) and an urgent one due the next working day', async () => {
    const gp = await service.as(GP);
    const { patient: _patient, ...anonymousBody } = validRequest({ urgency: 'urgent' });
    const before = (await service.allEvents()).length;
    const response = await gp.post('/consultations').send({ ...anonymousBody, anonymous: true }).expect(201);
    expect(response.body).toMatchObject({ patient: null, urgency: 'urgent', responseTargetWorkingDays: 1, dueAt: dueAt(response.body.requestedAt as string, 1) });
    expect((await service.allEvents()).slice(before).map((e) => e.type)).toEqual(['ConsultationRequested']);
  });

  it('records consent not needed with its reason', async () => {
    const gp = await service.as(GP);
    const body = validRequest({ patient: { subjectId: 'p-cn-no-consent', consent: 'not-needed', consentNotNeededBecause: 'serious-risk-of-harm' } });
    const response = await gp.post('/consultations').send(body).expect(201);
    expect(response.body.patient).toEqual({ subjectId: 'p-cn-no-consent', consent: 'not-needed', consentNotNeededBecause: 'serious-risk-of-harm' });
  });

  it('answers a retry with the same Idempotency-Key with the first consultation and writes nothing more; other details under the key are 422', async () => {
    const gp = await service.as(GP);
    const body = validRequest();
    const first = await gp.post('/consultations').set('Idempotency-Key', 'cn-req-1').send(body).expect(201);
    const before = await service.domainEvents();
    const retry = await gp.post('/consultations').set('Idempotency-Key', 'cn-req-1').send(body).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await service.domainEvents()).toEqual(before);
    const reused = await gp.post('/consultations').set('Idempotency-Key', 'cn-req-1').send({ ...body, question: 'Another question' }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await service.domainEvents()).toEqual(before);
  });

  it.each([
    ['both a patient and anonymous', { anonymous: true }, 400, 'patient'],
    ['neither a patient nor anonymous', { patient: undefined }, 400, 'patient'],
    ['a null patient without anonymous', { patient: null }, 400, 'patient'],
    ['consent not needed without a reason', { patient: { subjectId: 'p-x', consent: 'not-needed' } }, 400, 'consentNotNeededBecause'],
    ['a reason with consent recorded', { patient: { subjectId: 'p-x', consent: 'recorded', consentNotNeededBecause: 'legal-requirement' } }, 400, 'consentNotNeededBecause'],
    ['an unknown urgency', { urgency: 'whenever' }, 400, 'urgency'],
    ['an empty question', { question: '' }, 400, 'question'],
    ['copied measure values instead of ids', { sharedMeasureIds: ['PHQ-9 score 18 on 1 March'] }, 400, 'sharedMeasureIds'],
    ['a subject id that is not opaque', { patient: { subjectId: 'Jane Smith 943 476 5919', consent: 'recorded' } }, 400, 'subjectId'],
    ['a service that publishes no offering', { consultationService: 'PCP99' }, 422, 'no-such-offering'],
    ['a mode the service does not offer', { preferredMode: 'video' }, 422, 'mode-not-offered'],
  ])('refuses %s naming what is wrong, and writes nothing', async (_, change, status, named) => {
    const gp = await service.as(GP);
    await expectNothingWritten(async () => {
      const response = await gp.post('/consultations').send(validRequest(change)).expect(status);
      expect(response.body.type).toMatch(new RegExp(`^${PROBLEM_TYPE_BASE}`));
      expect(JSON.stringify(response.body)).toContain(named);
      expect(JSON.stringify(response.body)).not.toContain('943 476 5919');
    });
  });

  it('refuses an organisation consulting itself (422), an admin (403) and no token (401), writing nothing', async () => {
    await expectNothingWritten(async () => {
      expect((await (await service.as(SPECIALIST)).post('/consultations').send(validRequest()).expect(422)).body.code).toBe('SELF_CONSULTATION');
      expect((await (await service.as({ ...GP, user: 'u-gp-admin', roles: ['admin'] })).post('/consultations').send(validRequest()).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      await service.anonymous().post('/consultations').send(validRequest()).expect(401);
    });
  });

  it('answers 404 to an unrelated organisation reading a consultation, exactly as for an unknown id, and records the refusal', async () => {
    const created = await (await service.as(GP)).post('/consultations').send(validRequest()).expect(201);
    const stranger = await service.as(STRANGER);
    const refused = await stranger.get(`/consultations/${created.body.id as string}`).expect(404);
    const unknown = await stranger.get('/consultations/no-such-consultation').expect(404);
    expect(refused.body.code).toBe('CONSULTATION_NOT_FOUND');
    expect({ ...refused.body, instance: null, correlationId: null }).toEqual({ ...unknown.body, instance: null, correlationId: null });
    const trail = await service.store.readStream(`access-${created.body.patient.subjectId as string}`);
    expect(trail.at(-1)).toMatchObject({ type: 'AccessRefused', data: { action: 'consultation.read', outcome: 'not-found' } });
  });
});
