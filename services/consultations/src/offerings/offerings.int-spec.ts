import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { GP, GP_ADMIN, SERVICE_ADMIN, SPECIALIST, startConsultationsTestApp, validOffering, type ConsultationsTestApp } from '../testing/consultations-test-app';

describe('PUT /offerings/{organisationId} and GET /offerings', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_offerings');
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  it('publishes the organisation’s offering: 200 with ETag, one OfferingPublished by its admin, default target 2 working days', async () => {
    const admin = await service.as(SERVICE_ADMIN);
    const response = await admin.put(`/offerings/${SERVICE_ADMIN.org}`).send(validOffering).expect(200);
    expect(response.headers['etag']).toBe('"0"');
    expect(response.body).toMatchObject({ organisation: 'PCP01', responseTargetWorkingDays: 2, modes: validOffering.modes, specialistPool: validOffering.specialistPool });
    const events = await service.domainEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      streamId: 'offering-PCP01',
      type: 'OfferingPublished',
      data: { organisationId: 'PCP01', responseTargetWorkingDays: 2, eligibilityNotes: validOffering.eligibilityNotes },
      metadata: { actor: { userId: SERVICE_ADMIN.user, organisationId: 'PCP01', role: 'admin' } },
    });
    // The same offering again: nothing new, same ETag.
    await expectNothingWritten(async () => {
      expect((await admin.put(`/offerings/${SERVICE_ADMIN.org}`).send(validOffering).expect(200)).headers['etag']).toBe('"0"');
    });
  });

  it('changes the offering under If-Match, and refuses a stale If-Match with 412 writing nothing', async () => {
    const admin = await service.as(SERVICE_ADMIN);
    const current = await admin.get(`/offerings/${SERVICE_ADMIN.org}`).expect(200);
    const changed = await admin.put(`/offerings/${SERVICE_ADMIN.org}`).set('If-Match', current.headers['etag'] as string).send({ ...validOffering, responseTargetWorkingDays: 3 }).expect(200);
    expect(changed.body.responseTargetWorkingDays).toBe(3);
    await expectNothingWritten(async () => {
      const stale = await admin.put(`/offerings/${SERVICE_ADMIN.org}`).set('If-Match', current.headers['etag'] as string).send({ ...validOffering, responseTargetWorkingDays: 5 }).expect(412);
      expect(stale.body.type).toBe(`${PROBLEM_TYPE_BASE}precondition-failed`);
    });
    await admin.put(`/offerings/${SERVICE_ADMIN.org}`).send(validOffering).expect(200);
  });

  it('lists offerings for anyone who asks, filtered by mode and specialism, a page at a time', async () => {
    const gp = await service.as(GP);
    const all = await gp.get('/offerings').expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 1, items: [{ organisation: 'PCP01' }] });
    expect((await gp.get('/offerings').query({ mode: 'telephone', specialism: 'consultant-psychiatrist' }).expect(200)).body.total).toBe(1);
    expect((await gp.get('/offerings').query({ mode: 'video' }).expect(200)).body.total).toBe(0);
    expect((await gp.get('/offerings').query({ specialism: 'mental-health-pharmacist' }).expect(200)).body.total).toBe(0);
    expect((await gp.get('/offerings/NOPE1').expect(404)).body.code).toBe('OFFERING_NOT_FOUND');
  });

  it.each([
    ['an unknown specialism', { specialistPool: [{ specialism: 'wizard', count: 1 }] }, 'specialistPool'],
    ['no modes', { modes: [] }, 'modes'],
    ['a target of 30 working days', { responseTargetWorkingDays: 30 }, 'responseTargetWorkingDays'],
    ['opening hours that are not HH:MM', { openingHours: [{ day: 'monday', opens: '9am', closes: '17:00' }] }, 'opens'],
    ['a field the API does not know', { colour: 'blue' }, 'colour'],
  ])('refuses %s with 400 naming the field and writes nothing', async (_, change, field) => {
    const admin = await service.as(SERVICE_ADMIN);
    await expectNothingWritten(async () => {
      const response = await admin.put(`/offerings/${SERVICE_ADMIN.org}`).send({ ...validOffering, ...change }).expect(400);
      expect(response.body).toMatchObject({ status: 400 });
      expect(JSON.stringify(response.body)).toContain(field);
    });
  });

  it('refuses closing before opening with 400 INVALID_OPENING_HOURS and writes nothing', async () => {
    const admin = await service.as(SERVICE_ADMIN);
    await expectNothingWritten(async () => {
      const response = await admin.put(`/offerings/${SERVICE_ADMIN.org}`).send({ ...validOffering, openingHours: [{ day: 'monday', opens: '17:00', closes: '09:00' }] }).expect(400);
      expect(response.body.code).toBe('INVALID_OPENING_HOURS');
    });
  });

  it('refuses another organisation’s offering (403), a GP practice offering consultations (403), a clinician (403) and no token (401), writing nothing', async () => {
    await expectNothingWritten(async () => {
      expect((await (await service.as(SERVICE_ADMIN)).put('/offerings/PCP02').send(validOffering).expect(403)).body.code).toBe('OTHER_ORGANISATION');
      expect((await (await service.as(GP_ADMIN)).put(`/offerings/${GP_ADMIN.org}`).send(validOffering).expect(403)).body.code).toBe('ORGANISATION_TYPE_CANNOT_CONSULT');
      expect((await (await service.as(SPECIALIST)).put(`/offerings/${SPECIALIST.org}`).send(validOffering).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      await service.anonymous().put(`/offerings/${SPECIALIST.org}`).send(validOffering).expect(401);
    });
  });
});
