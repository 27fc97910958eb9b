import { users } from '@stepwell/access/testing';
import {
  dateAhead,
  PRACTICE_ADMIN,
  provideEpisode,
  registerClinician,
  startSchedulingTestApp,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('group sessions', () => {
  let service: SchedulingTestApp;
  let facilitator: string;
  const day = dateAhead(3);
  const group = () => ({
    organisation: PRACTICE_ADMIN.org,
    facilitatorIds: [facilitator],
    site: 'site-1',
    programmeCode: 'stress-control',
    startsAt: `${day}T18:00:00.000Z`,
    endsAt: `${day}T19:30:00.000Z`,
    capacity: 2,
    mode: 'face-to-face',
    purpose: 'treatment',
  });

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_group_sessions');
    facilitator = await registerClinician(service);
    for (const patient of ['g-1', 'g-2', 'g-3', 'g-4', 'c-1', 'a-1', 'a-2', 'm-1']) {
      await provideEpisode(service, { episodeId: `e-${patient}`, patientSubjectId: patient });
    }
  });
  afterEach(() => service.clock.release());
  afterAll(() => service.close());

  const schedule = async () => (await service.http().post('/group-sessions').send(group()).expect(201)).body.id as string;
  const place = (id: string, patient: string) => service.http().post(`/group-sessions/${id}/places`).send({ patientSubjectId: patient, episodeId: `e-${patient}` });

  it('schedules a group: 201 with its capacity, and one GroupSessionScheduled event', async () => {
    const before = (await service.domainEvents()).length;
    const response = await service.http().post('/group-sessions').send(group()).expect(201);
    expect(response.body).toMatchObject({ status: 'Scheduled', capacity: 2, placesBooked: 0, placesLeft: 2, programmeCode: 'stress-control' });
    const events = (await service.domainEvents()).slice(before);
    expect(events.map((e) => [e.streamId, e.type])).toEqual([[`groupsession-${response.body.id as string}`, 'GroupSessionScheduled']]);
  });

  it('refuses a place for a patient whose episode the organisation does not provide (self-assertion by booking) and writes nothing', async () => {
    const id = await schedule();
    await provideEpisode(service, { episodeId: 'e-theirs', patientSubjectId: 'theirs', organisation: users.therapist.org });
    const before = await service.domainEvents();
    const response = await service.http().post(`/group-sessions/${id}/places`).send({ patientSubjectId: 'theirs', episodeId: 'e-theirs' }).expect(404);
    expect(response.body.code).toBe('EPISODE_NOT_FOUND');
    await service.http().post(`/group-sessions/${id}/places`).send({ patientSubjectId: 'g-1', episodeId: 'e-theirs' }).expect(404);
    expect(await service.domainEvents()).toEqual(before);
  });

  it('books places up to capacity even under concurrent requests: the rest get 409 GROUP_FULL', async () => {
    const id = await schedule();
    const responses = await Promise.all(['g-1', 'g-2', 'g-3', 'g-4'].map((p) => place(id, p)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['GROUP_FULL', 'GROUP_FULL']);
    expect((await service.http().get(`/group-sessions/${id}`).expect(200)).body).toMatchObject({ placesBooked: 2, placesLeft: 0 });
    const booked = (await service.store.readStream(`groupsession-${id}`)).filter((e) => e.type === 'GroupPlaceBooked');
    expect(booked).toHaveLength(2);
  });

  it('frees a place when it is cancelled', async () => {
    const id = await schedule();
    await place(id, 'c-1').expect(201);
    const response = await service.http().post(`/group-sessions/${id}/places/c-1/cancel`).send({ cancelledBy: 'patient', reason: 'patient-request' }).expect(200);
    expect(response.body).toMatchObject({ placesBooked: 0, placesLeft: 2 });
  });

  it('answers with the session’s ETag, takes it back as If-Match on a place change, and refuses a stale one with 412, writing nothing', async () => {
    const scheduled = await service.http().post('/group-sessions').send(group()).expect(201);
    const id = scheduled.body.id as string;
    expect(scheduled.headers['etag']).toMatch(/^"\d+"$/);
    expect((await service.http().get(`/group-sessions/${id}`).expect(200)).headers['etag']).toBe(scheduled.headers['etag']);
    const booked = await place(id, 'm-1').set('If-Match', scheduled.headers['etag'] as string).expect(201);
    expect(booked.headers['etag']).not.toBe(scheduled.headers['etag']);
    const cancelWith = (ifMatch: string) =>
      service.http().post(`/group-sessions/${id}/places/m-1/cancel`).set('If-Match', ifMatch).send({ cancelledBy: 'patient', reason: 'patient-request' });
    const before = await service.domainEvents();
    const refused = await cancelWith(scheduled.headers['etag'] as string).expect(412);
    expect(refused.body).toMatchObject({ status: 412, code: 'STALE_REVISION' });
    expect(await service.domainEvents()).toEqual(before);
    const cancelled = await cancelWith(booked.headers['etag'] as string).expect(200);
    expect(cancelled.body).toMatchObject({ placesBooked: 0, placesLeft: 2 });
  });

  it('records attendance per person once the group has met, a DNA counting toward engagement follow-up', async () => {
    const id = await schedule();
    await place(id, 'a-1').expect(201);
    await place(id, 'a-2').expect(201);
    const early = await service.http().post(`/group-sessions/${id}/places/a-1/attendance`).send({ outcome: 'attended', durationMinutes: 90 }).expect(409);
    expect(early.body.code).toBe('ATTENDANCE_BEFORE_START');
    service.clock.set(`${day}T19:45:00.000Z`);
    await service.http().post(`/group-sessions/${id}/places/a-1/attendance`).send({ outcome: 'attended', durationMinutes: 90 }).expect(200);
    const before = (await service.domainEvents()).length;
    await service.http().post(`/group-sessions/${id}/places/a-2/attendance`).send({ outcome: 'did-not-attend' }).expect(200);
    const events = (await service.domainEvents()).slice(before);
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      [`groupsession-${id}`, 'GroupAttendanceRecorded'],
      ['engagement-e-a-2', 'DidNotAttendNoted'],
      ['engagement-e-a-2', 'FollowUpTaskCreated'],
    ]);
  });

  it('answers 404 for an unknown group and 403 to another organisation, writing nothing', async () => {
    const id = await schedule();
    const before = await service.domainEvents();
    expect((await service.http().get('/group-sessions/nope').expect(404)).body.code).toBe('GROUP_SESSION_NOT_FOUND');
    const other = await service.as({ ...users.therapist, roles: ['admin'] });
    expect((await other.post(`/group-sessions/${id}/places`).send({ patientSubjectId: 'x', episodeId: 'y' }).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    await other.post('/group-sessions').send(group()).expect(403);
    expect(await service.domainEvents()).toEqual(before);
  });

  it('refuses a capacity over the maximum with 400', async () => {
    await service.http().post('/group-sessions').send({ ...group(), capacity: 1000 }).expect(400);
  });
});
