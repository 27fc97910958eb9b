import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { PRACTICE_ADMIN, startSchedulingTestApp, validClinician, validSession, type SchedulingTestApp } from '../testing/scheduling-test-app';

describe('POST /clinicians and GET /clinicians', () => {
  let service: SchedulingTestApp;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_clinicians');
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  it('registers a clinician: 201 with Location and body, and one ClinicianRegistered event by the admin', async () => {
    const before = (await service.domainEvents()).length;
    const response = await service.http().post('/clinicians').set('X-Correlation-Id', '00000000-0000-4000-8000-00000000c001').send(validClinician).expect(201);
    const id = response.body.id as string;
    expect(response.headers['location']).toBe(`/clinicians/${id}`);
    expect(response.body).toEqual({ id, ...validClinician });
    const events = await service.domainEvents();
    expect(events).toHaveLength(before + 1);
    expect(events[events.length - 1]).toMatchObject({
      streamId: `clinician-${id}`,
      type: 'ClinicianRegistered',
      data: { clinicianId: id, organisationId: PRACTICE_ADMIN.org, role: 'psychologist', languages: ['en', 'pl'] },
      metadata: { correlationId: '00000000-0000-4000-8000-00000000c001', actor: { userId: PRACTICE_ADMIN.user, organisationId: PRACTICE_ADMIN.org, role: 'admin' } },
    });
  });

  it('answers GET at the Location of a clinician and of a diary session, to its own organisation only (404 to another, as for an unknown id)', async () => {
    const created = await service.http().post('/clinicians').send(validClinician).expect(201);
    expect((await service.http().get(created.headers['location'] as string).expect(200)).body).toEqual(created.body);
    const session = await service.http().post(`/clinicians/${created.body.id}/sessions`).send(validSession).expect(201);
    expect((await service.http().get(session.headers['location'] as string).expect(200)).body).toEqual(session.body);
    const otherOrganisation = await service.as(users.crisisClinician);
    for (const location of [created.headers['location'] as string, session.headers['location'] as string, '/clinicians/nobody', `/clinicians/${created.body.id}/sessions/none`]) {
      const refused = await otherOrganisation.get(location).expect(404);
      expect(refused.body.code).toMatch(/^(CLINICIAN|SESSION)_NOT_FOUND$/);
    }
    expect((await (await service.as(users.crisisClinician)).get('/clinicians/nobody').expect(404)).body.code).toBe('CLINICIAN_NOT_FOUND');
  });

  it('returns the first result for a retry with the same Idempotency-Key and writes nothing more', async () => {
    const first = await service.http().post('/clinicians').set('Idempotency-Key', 'clin-1').send(validClinician).expect(201);
    await expectNothingWritten(async () => {
      const retry = await service.http().post('/clinicians').set('Idempotency-Key', 'clin-1').send(validClinician).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });
  });

  it('refuses other details under a used Idempotency-Key with 409 and writes nothing', async () => {
    await service.http().post('/clinicians').set('Idempotency-Key', 'clin-2').send(validClinician).expect(201);
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post('/clinicians')
        .set('Idempotency-Key', 'clin-2')
        .send({ ...validClinician, role: 'gp' })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'CLINICIAN_ALREADY_EXISTS', type: `${PROBLEM_TYPE_BASE}clinician-already-exists` });
    });
  });

  it.each([
    ['an unknown role', { role: 'wizard' }, 'role'],
    ['a language that is not an ISO code', { languages: ['English'] }, 'languages'],
    ['an organisation that is not an ODS code', { organisation: 'the practice' }, 'organisation'],
    ['no name', { name: '' }, 'name'],
  ])('refuses %s with 400 naming the field and writes nothing', async (_, change, field) => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/clinicians').send({ ...validClinician, ...change }).expect(400);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}validation-failed`, status: 400 });
      expect(JSON.stringify(response.body)).toContain(field);
    });
  });

  it('refuses to register a clinician for another organisation with 403 and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/clinicians').send({ ...validClinician, organisation: 'RXT01' }).expect(403);
      expect(response.body.code).toBe('OTHER_ORGANISATION');
    });
  });

  it('answers 403 to a clinician, who may not register clinicians, and writes nothing', async () => {
    const clinician = await service.as(users.gpClinician);
    await expectNothingWritten(async () => {
      const response = await clinician.post('/clinicians').send(validClinician).expect(403);
      expect(response.body.code).toBe('FORBIDDEN_ROLE');
    });
  });

  it('answers 401 without a token and writes nothing', async () => {
    await expectNothingWritten(async () => {
      await service.anonymous().post('/clinicians').send(validClinician).expect(401);
    });
  });

  it('lists the organisation’s clinicians by name, filtered by role and language, a page at a time', async () => {
    await service.http().post('/clinicians').send({ ...validClinician, name: 'Aa First', role: 'pwp', languages: ['ur'] }).expect(201);
    const all = await service.http().get('/clinicians').query({ organisation: PRACTICE_ADMIN.org }).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect(all.body.items[0]).toMatchObject({ name: 'Aa First', role: 'pwp' });
    const urdu = await service.http().get('/clinicians').query({ organisation: PRACTICE_ADMIN.org, language: 'ur' }).expect(200);
    expect(urdu.body).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ name: 'Aa First' }] });
    const pwp = await service.http().get('/clinicians').query({ organisation: PRACTICE_ADMIN.org, role: 'pwp' }).expect(200);
    expect(pwp.body.total).toBe(1);
    const second = await service.http().get('/clinicians').query({ organisation: PRACTICE_ADMIN.org, page: 2, pageSize: 1 }).expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
    expect(second.body.items).toEqual([all.body.items[1]]);
  });

  it('refuses to list another organisation’s clinicians', async () => {
    const response = await service.http().get('/clinicians').query({ organisation: 'RXT01' }).expect(403);
    expect(response.body.code).toBe('OTHER_ORGANISATION');
  });
});
