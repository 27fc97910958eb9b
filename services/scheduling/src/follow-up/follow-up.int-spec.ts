import { users } from '@stepwell/access/testing';
import {
  dateAhead,
  PRACTICE_ADMIN,
  provideEpisode,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('did-not-attend follow-up: tasks, contact attempts and engagement reviews', () => {
  let service: SchedulingTestApp;
  const patient = 'patient-dna';
  const org = PRACTICE_ADMIN.org;
  let appointments: string[];
  let taskIds: string[];

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_follow_up');
    await provideEpisode(service, { episodeId: 'episode-dna', patientSubjectId: patient });
    const clinician = await registerClinician(service);
    const day = dateAhead(3);
    const session = await service
      .http()
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date: day, startTime: '09:00', endTime: '10:00' })
      .expect(201);
    appointments = [];
    for (const slot of session.body.slots as { id: string }[]) {
      const booked = await service
        .http()
        .post('/appointments')
        .send({ patientSubjectId: patient, episodeId: 'episode-dna', slotId: slot.id, purpose: 'treatment', mode: 'telephone' })
        .expect(201);
      appointments.push(booked.body.id as string);
    }
    // Both missed, recorded after the session; the team follows up from then on (the clock stays there).
    service.clock.set(`${day}T10:30:00.000Z`);
    for (const id of appointments) {
      await service.http().post(`/appointments/${id}/attendance`).send({ outcome: 'did-not-attend' }).expect(200);
    }
  });
  afterAll(() => service.close());

  it('lists a follow-up task per missed appointment, due within two working days', async () => {
    const response = await service.http().get('/follow-up-tasks').query({ organisation: org, status: 'open' }).expect(200);
    expect(response.body.total).toBe(2);
    expect(response.body.items.map((t: { appointmentId: string }) => t.appointmentId).sort()).toEqual([...appointments].sort());
    expect(response.body.items[0]).toMatchObject({ patientSubjectId: patient, episodeId: 'episode-dna', status: 'open', attempts: 0 });
    expect(response.body.items[0].dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    taskIds = response.body.items.map((t: { id: string }) => t.id);
  });

  it('shows the engagement review raised after the two consecutive DNAs, and nothing was discharged', async () => {
    const response = await service.http().get('/engagement-reviews').query({ organisation: org }).expect(200);
    expect(response.body).toMatchObject({ total: 1, items: [{ patientSubjectId: patient, episodeId: 'episode-dna', consecutiveMissed: 2 }] });
    const types = (await service.domainEvents()).map((e) => e.type);
    expect(types.filter((t) => /discharg/i.test(t))).toEqual([]);
  });

  it('records a contact attempt that did not reach the person and keeps the task open; the response is one audited read', async () => {
    const [taskId] = taskIds;
    const response = await service
      .http()
      .post(`/follow-up-tasks/${taskId}/contact-attempts`)
      .set('X-Correlation-Id', 'corr-contact-1')
      .send({ method: 'telephone', outcome: 'no-answer' })
      .expect(200);
    expect(response.body).toMatchObject({ id: taskId, status: 'open', attempts: 1 });
    const reads = (await service.store.readStream(`access-${patient}`)).filter(
      (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === 'corr-contact-1',
    );
    expect(reads.map((e) => e.data)).toEqual([expect.objectContaining({ resource: 'follow-up-task', resourceIds: [taskId], organisationId: org })]);
    const last = (await service.domainEvents()).at(-1);
    expect(last).toMatchObject({ type: 'ContactAttemptRecorded', streamId: 'engagement-episode-dna', data: { outcome: 'no-answer' } });
  });

  it('completes every earlier task once the person is reached', async () => {
    const taskId = taskIds[1];
    const response = await service.http().post(`/follow-up-tasks/${taskId}/contact-attempts`).send({ method: 'telephone', outcome: 'reached' }).expect(200);
    expect(response.body.status).toBe('completed');
    const open = await service.http().get('/follow-up-tasks').query({ organisation: org, status: 'open' }).expect(200);
    expect(open.body.total).toBe(0);
  });

  it('refuses an unknown contact outcome with 400 and writes nothing', async () => {
    const before = await service.domainEvents();
    await service.http().post(`/follow-up-tasks/${taskIds[0]}/contact-attempts`).send({ method: 'telephone', outcome: 'maybe' }).expect(400);
    expect(await service.domainEvents()).toEqual(before);
  });

  it('answers 404 for an unknown task', async () => {
    const response = await service.http().post('/follow-up-tasks/nope/contact-attempts').send({ method: 'telephone', outcome: 'reached' }).expect(404);
    expect(response.body.code).toBe('TASK_NOT_FOUND');
  });

  it('refuses another organisation’s tasks and reviews: 404 to a stranger (as for an unknown task), 403 to a related organisation, nothing written', async () => {
    const other = await service.as(users.therapist);
    await other.get('/follow-up-tasks').query({ organisation: org }).expect(403);
    await other.get('/engagement-reviews').query({ organisation: org }).expect(403);
    const before = await service.domainEvents();
    const stranger = await other.post(`/follow-up-tasks/${taskIds[0]}/contact-attempts`).send({ method: 'telephone', outcome: 'reached' }).expect(404);
    const unknown = await other.post('/follow-up-tasks/no-such-task/contact-attempts').send({ method: 'telephone', outcome: 'reached' }).expect(404);
    expect([stranger.body.code, stranger.body.title]).toEqual([unknown.body.code, unknown.body.title]);
    // The therapy service now provides another episode of the same person: related, but still not the task's owner.
    await provideEpisode(service, { episodeId: 'episode-dna-tt', patientSubjectId: patient, organisation: users.therapist.org });
    const related = await other.post(`/follow-up-tasks/${taskIds[0]}/contact-attempts`).send({ method: 'telephone', outcome: 'reached' }).expect(403);
    expect(related.body.code).toBe('OTHER_ORGANISATION');
    expect(await service.domainEvents()).toEqual(before);
  });
});
