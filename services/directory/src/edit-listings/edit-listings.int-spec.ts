import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { wholeLifeTermId } from '../domain';
import { CHARITY_EDITOR, DIRECTORY_ADMIN, LINK_WORKER, OTHER_EDITOR, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

const organization = { name: 'St Ives Food Bank', description: 'Emergency food parcels and fuel vouchers.', website: 'https://stives-foodbank.example.org' };
const location = { name: 'Church hall', location_type: 'physical', latitude: 50.2105, longitude: -5.4806 };
const serviceOf = (organizationId: string, locationId: string) => ({
  organization_id: organizationId,
  name: 'Food parcels',
  description: 'Three days of food, with a referral or without.',
  status: 'active',
  minimum_age: 18,
  schedules: [{ id: 'sch-1', freq: 'WEEKLY', byday: 'TU,TH', opens_at: '10:00', closes_at: '12:00' }],
  contacts: [{ id: 'con-1', title: 'Coordinator', phones: [{ id: 'ph-1', number: '01736 000000', type: 'voice' }] }],
  languages: [{ id: 'lang-1', name: 'English', code: 'en' }],
  cost_options: [{ id: 'cost-1', option: 'Free', amount: 0, currency: 'GBP' }],
  service_areas: [{ id: 'area-1', name: 'West Cornwall', extent_type: 'text', extent: 'Penwith' }],
  attributes: [{ id: 'attr-1', taxonomy_term_id: wholeLifeTermId('money-and-debt') }],
  service_at_locations: [{ id: 'sal-1', location_id: locationId }],
});

describe('editing the directory (POST/PUT listings, review, capacity)', () => {
  let service: DirectoryTestApp;
  let organizationId: string;
  let locationId: string;
  let serviceId: string;

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_edit');
    const editor = await service.as(CHARITY_EDITOR);
    organizationId = (await editor.post('/organizations').send(organization).expect(201)).body.id as string;
    locationId = (await editor.post('/locations').send(location).expect(201)).body.id as string;
    serviceId = (await editor.post('/services').send(serviceOf(organizationId, locationId)).expect(201)).body.id as string;
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  it('lists an organisation: 201 with Location and ETag, one OrganizationListed event by the editor, readable publicly', async () => {
    const before = (await service.domainEvents()).length;
    const editor = await service.as(CHARITY_EDITOR);
    const created = await editor.post('/organizations').set('X-Correlation-Id', '00000000-0000-4000-8000-0000000d0001').send({ ...organization, name: 'Hayle Men’s Shed' }).expect(201);
    const id = created.body.id as string;
    expect(created.headers['location']).toBe(`/organizations/${id}`);
    expect(created.headers['etag']).toBe('"0"');
    const events = await service.domainEvents();
    expect(events.slice(before)).toEqual([
      expect.objectContaining({
        streamId: `directory_organization-${id}`,
        type: 'OrganizationListed',
        data: expect.objectContaining({ kind: 'organization', owner: CHARITY_EDITOR.org, record: { id, ...organization, name: 'Hayle Men’s Shed' } }),
        metadata: expect.objectContaining({ correlationId: '00000000-0000-4000-8000-0000000d0001', actor: { userId: CHARITY_EDITOR.user, organisationId: CHARITY_EDITOR.org, role: 'directory-editor' } }),
      }),
    ]);
    const published = await service.anonymous().get(`/organizations/${id}`).expect(200);
    expect(published.body).toEqual({ id, ...organization, name: 'Hayle Men’s Shed', services: [] });
  });

  it('answers a retry with the same Idempotency-Key with the first answer and writes nothing more', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    const first = await editor.post('/organizations').set('Idempotency-Key', 'org-retry-1').send(organization).expect(201);
    await expectNothingWritten(async () => {
      const retry = await editor.post('/organizations').set('Idempotency-Key', 'org-retry-1').send(organization).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });
  });

  it('replaces a service with If-Match: one ServiceChanged naming the changed fields; the same record again writes nothing', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    const current = await editor.put(`/services/${serviceId}`).send(serviceOf(organizationId, locationId)).expect(200);
    const etag = current.headers['etag'] as string;
    await expectNothingWritten(() => editor.put(`/services/${serviceId}`).set('If-Match', etag).send(serviceOf(organizationId, locationId)).expect(200));
    const before = (await service.domainEvents()).length;
    const changed = await editor
      .put(`/services/${serviceId}`)
      .set('If-Match', etag)
      .send({ ...serviceOf(organizationId, locationId), maximum_age: 99, alert: 'Closed on bank holidays' })
      .expect(200);
    expect(changed.headers['etag']).toBe(`"${Number(JSON.parse(etag)) + 1}"`);
    const events = (await service.domainEvents()).slice(before);
    expect(events.map((e) => [e.type, (e.data as { changed: string[] }).changed])).toEqual([['ServiceChanged', ['alert', 'maximum_age']]]);
    const published = await service.anonymous().get(`/services/${serviceId}`).expect(200);
    expect(published.body).toMatchObject({ maximum_age: 99, alert: 'Closed on bank holidays', organization: { id: organizationId } });
  });

  it('refuses a stale If-Match with 412 and writes nothing', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(async () => {
      const response = await editor.put(`/services/${serviceId}`).set('If-Match', '"0"').send({ ...serviceOf(organizationId, locationId), name: 'Renamed' }).expect(412);
      expect(response.body.code).toBe('STALE_REVISION');
    });
  });

  it.each([
    ['no name', { name: '' }, 'name'],
    ['an unknown status', { status: 'open' }, 'status'],
    ['a maximum age below the minimum', { minimum_age: 30, maximum_age: 20 }, 'maximum_age'],
    ['a named person as contact (personal data)', { contacts: [{ id: 'c', name: 'Ann Persona', title: 'Manager' }] }, 'contacts[0].name'],
    ['a malformed RRULE weekday', { schedules: [{ id: 's', freq: 'WEEKLY', byday: 'Mondays' }] }, 'schedules[0].byday'],
    ['an occurrence in a weekly schedule', { schedules: [{ id: 's', freq: 'WEEKLY', byday: '2MO' }] }, 'schedules[0].byday'],
    ['a language that is not an ISO code', { languages: [{ id: 'l', code: 'English' }] }, 'languages[0].code'],
    ['a negative cost', { cost_options: [{ id: 'c', amount: -1 }] }, 'cost_options[0].amount'],
    ['two schedules with one id', { schedules: [{ id: 's' }, { id: 's' }] }, 'schedules'],
    ['a field the directory does not keep (a typo)', { minimun_age: 3 }, 'minimun_age'],
    ['opening hours without a closing time', { schedules: [{ id: 's', freq: 'WEEKLY', byday: 'MO', opens_at: '09:00' }] }, 'schedules[0].closes_at'],
    ['a holiday schedule ending before it starts', { holiday_schedules: [{ id: 'h', closed: true, start_date: '2031-01-02', end_date: '2031-01-01' }] }, 'holiday_schedules[0].end_date'],
    ['a holiday schedule open without hours', { holiday_schedules: [{ id: 'h', closed: false, start_date: '2031-01-02', end_date: '2031-01-02' }] }, 'holiday_schedules[0].opens_at'],
    ['a bank holiday choice outside closed/open', { stepwell_bank_holidays: 'sometimes' }, 'stepwell_bank_holidays'],
  ])('refuses a service with %s: 400 naming the field, nothing written', async (_, change, field) => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(async () => {
      const response = await editor.post('/services').send({ ...serviceOf(organizationId, locationId), ...change }).expect(400);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}validation-failed`, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  it('refuses a location with a latitude but no longitude, and one off the globe: 400, nothing written', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(async () => {
      await editor.post('/locations').send({ name: 'x', latitude: 50.1 }).expect(400);
      await editor.post('/locations').send({ name: 'x', latitude: 91, longitude: 0 }).expect(400);
    });
  });

  it('refuses a service naming an organisation, location or taxonomy term that is not listed: 422, nothing written', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(async () => {
      const response = await editor.post('/services').send(serviceOf('no-such-org', 'no-such-place')).expect(422);
      expect(response.body.code).toBe('UNKNOWN_REFERENCE');
      expect(response.body.detail).toContain('organization_id=no-such-org');
    });
  });

  it('refuses a body id that differs from the path: 400, nothing written', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(() => editor.put(`/organizations/${organizationId}`).send({ ...organization, id: 'another' }).expect(400));
  });

  it('lets only the owning organisation’s editor or a directory administrator change a listing', async () => {
    const other = await service.as(OTHER_EDITOR);
    await expectNothingWritten(async () => {
      const response = await other.put(`/organizations/${organizationId}`).send({ ...organization, name: 'Taken over' }).expect(403);
      expect(response.body.code).toBe('NOT_LISTING_OWNER');
      expect((await other.post(`/services/${serviceId}/review`).expect(403)).body.code).toBe('NOT_LISTING_OWNER');
      expect((await other.put(`/services/${serviceId}/capacity`).send({ places_free: 1, wait_days: 1 }).expect(403)).body.code).toBe('NOT_LISTING_OWNER');
    });
    const admin = await service.as(DIRECTORY_ADMIN);
    const changed = await admin.put(`/organizations/${organizationId}`).send({ ...organization, description: 'Food parcels, fuel vouchers and advice.' }).expect(200);
    expect(changed.body.description).toBe('Food parcels, fuel vouchers and advice.');
    const events = await service.domainEvents();
    // The listing stays its owner's: an administrator's change does not move it.
    expect(events[events.length - 1]).toMatchObject({ type: 'OrganizationChanged', data: { owner: CHARITY_EDITOR.org }, metadata: { actor: { role: 'directory-admin' } } });
  });

  it('refuses a link worker (no editing role) with 403 and an anonymous caller with 401, writing nothing', async () => {
    const linkWorker = await service.as(LINK_WORKER);
    await expectNothingWritten(async () => {
      expect((await linkWorker.post('/organizations').send(organization).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      await service.anonymous().post('/organizations').send(organization).expect(401);
      await service.anonymous().put(`/services/${serviceId}/capacity`).send({ places_free: 1, wait_days: 1 }).expect(401);
    });
  });

  it('records capacity once per change and shows it on the public service; refuses a negative count', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    const before = (await service.domainEvents()).length;
    await editor.put(`/services/${serviceId}/capacity`).send({ places_free: 3, wait_days: 12 }).expect(200);
    await editor.put(`/services/${serviceId}/capacity`).send({ places_free: 3, wait_days: 12 }).expect(200);
    expect((await service.domainEvents()).slice(before).map((e) => e.type)).toEqual(['ServiceCapacityReported']);
    const published = await service.anonymous().get(`/services/${serviceId}`).expect(200);
    expect(published.body.stepwell_capacity).toMatchObject({ places_free: 3, wait_days: 12 });
    await expectNothingWritten(async () => {
      const response = await editor.put(`/services/${serviceId}/capacity`).send({ places_free: -1, wait_days: 2 }).expect(400);
      expect(JSON.stringify(response.body)).toContain('places_free');
    });
  });

  it('flags a service not reviewed for 12 months to its own editors and administrators, and a review clears it', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    // A service listed 13 months ago and never reviewed since.
    service.clock.set(new Date(Date.now() - 400 * 86_400_000).toISOString());
    const old = (await editor.post('/services').send({ ...serviceOf(organizationId, locationId), name: 'Old listing', service_at_locations: [] }).expect(201)).body.id as string;
    service.clock.release();
    const due = await editor.get('/directory/reviews-due').expect(200);
    expect(due.body.items.map((i: { id: string }) => i.id)).toEqual([old]);
    expect((await (await service.as(DIRECTORY_ADMIN)).get('/directory/reviews-due').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(old);
    expect((await (await service.as(OTHER_EDITOR)).get('/directory/reviews-due').expect(200)).body.items).toEqual([]);

    const before = (await service.domainEvents()).length;
    const reviewed = await editor.post(`/services/${old}/review`).expect(200);
    expect(reviewed.body.assured_date).toBe(service.clock.now().slice(0, 10));
    await editor.post(`/services/${old}/review`).expect(200);
    expect((await service.domainEvents()).slice(before).map((e) => e.type)).toEqual(['ServiceReviewed']);
    expect((await editor.get('/directory/reviews-due').expect(200)).body.items).toEqual([]);
    expect((await service.anonymous().get(`/services/${old}`).expect(200)).body.assured_date).toBe(service.clock.now().slice(0, 10));
  });

  it('answers 404 for reviewing an unknown service and writes nothing', async () => {
    const editor = await service.as(CHARITY_EDITOR);
    await expectNothingWritten(async () => {
      expect((await editor.post('/services/no-such-service/review').expect(404)).body.code).toBe('SERVICE_NOT_FOUND');
    });
  });
});
