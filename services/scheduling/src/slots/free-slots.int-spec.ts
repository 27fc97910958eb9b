import { users } from '@stepwell/access/testing';
import {
  dateAhead,
  PRACTICE_ADMIN,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('GET /slots', () => {
  let service: SchedulingTestApp;
  let psychologist: string;
  let pwp: string;
  const day = dateAhead(4);
  const org = PRACTICE_ADMIN.org;
  const window = { organisation: org, from: `${day}T00:00:00.000Z`, to: `${day}T23:59:00.000Z` };

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_free_slots');
    psychologist = await registerClinician(service, { name: 'Dr Polish', languages: ['en', 'pl'] });
    pwp = await registerClinician(service, { name: 'PWP Urdu', role: 'pwp', languages: ['en', 'ur'] });
    const add = (clinicianId: string, session: object) =>
      service.http().post(`/clinicians/${clinicianId}/sessions`).send({ ...validSession, date: day, ...session }).expect(201);
    // 09:00–10:00 open to booking now; 10:00 same-day; 11:00 48-hours; 12:00 PWP by video, for reviews.
    await add(psychologist, { startTime: '09:00', endTime: '10:00', slotLengthMinutes: 60 });
    await add(psychologist, { startTime: '10:00', endTime: '11:00', slotLengthMinutes: 60, embargo: 'same-day' });
    await add(psychologist, { startTime: '11:00', endTime: '12:00', slotLengthMinutes: 60, embargo: '48-hours' });
    await add(pwp, { startTime: '12:00', endTime: '13:00', slotLengthMinutes: 60, modes: ['video'], purposes: ['review'] });
  });
  afterEach(() => service.clock.release());
  afterAll(() => service.close());

  const starts = (body: { items: { startsAt: string }[] }) => body.items.map((s) => s.startsAt.slice(11, 16));

  it('lists only slots bookable now: embargoed ones are held back days ahead', async () => {
    const response = await service.http().get('/slots').query(window).expect(200);
    expect(starts(response.body)).toEqual(['09:00', '12:00']);
    expect(response.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(response.body.items[0]).toMatchObject({ clinicianId: psychologist, clinicianRole: 'psychologist', languages: ['en', 'pl'], embargo: 'none' });
  });

  it('opens 48-hour slots 48 hours ahead and same-day slots on their own day', async () => {
    service.clock.set(new Date(Date.parse(`${day}T11:00:00.000Z`) - 47 * 3_600_000).toISOString());
    expect(starts((await service.http().get('/slots').query(window).expect(200)).body)).toEqual(['09:00', '11:00', '12:00']);
    service.clock.set(`${day}T00:05:00.000Z`);
    expect(starts((await service.http().get('/slots').query(window).expect(200)).body)).toEqual(['09:00', '10:00', '11:00', '12:00']);
  });

  it('never lists a slot that has started', async () => {
    service.clock.set(`${day}T09:10:00.000Z`);
    expect(starts((await service.http().get('/slots').query(window).expect(200)).body)).toEqual(['10:00', '11:00', '12:00']);
  });

  it.each([
    ['mode', { mode: 'video' }, ['12:00']],
    ['purpose', { purpose: 'assessment' }, ['09:00']],
    ['language', { language: 'ur' }, ['12:00']],
    ['role', { role: 'psychologist' }, ['09:00']],
  ])('filters by %s', async (_, filter, expected) => {
    const response = await service.http().get('/slots').query({ ...window, ...filter }).expect(200);
    expect(starts(response.body)).toEqual(expected);
  });

  it('pages through the free slots with the total', async () => {
    const response = await service.http().get('/slots').query({ ...window, page: 2, pageSize: 1 }).expect(200);
    expect(response.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(starts(response.body)).toEqual(['12:00']);
  });

  it('lists nothing for another organisation', async () => {
    const response = await service.http().get('/slots').query({ ...window, organisation: 'RXT01' }).expect(200);
    expect(response.body).toMatchObject({ total: 0, items: [] });
  });

  it('refuses an unknown mode with 400', async () => {
    await service.http().get('/slots').query({ ...window, mode: 'carrier-pigeon' }).expect(400);
  });

  it('answers 403 to an auditor', async () => {
    const auditor = await service.as(users.auditor);
    await auditor.get('/slots').query(window).expect(403);
  });
});
