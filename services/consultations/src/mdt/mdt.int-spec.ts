import type { TestUser } from '@stepwell/access/testing';
import { addDays, londonDateOf } from '../domain';
import { GP, newPatient, SERVICE_ADMIN, SPECIALIST, startConsultationsTestApp, STRANGER, unrelatedPatient, type ConsultationsTestApp } from '../testing/consultations-test-app';

/** A second practice at the meeting (it referred the pooled patients too, but presents only an anonymous case here). */
const OTHER_PRACTICE: TestUser = { user: 'u-gp-b', org: 'B82002', orgType: 'gp-practice', roles: ['clinician'] };

describe('MDT case discussions (issue 16 item 6)', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_mdt');
  });
  afterAll(() => service.close());

  const mdtEvents = async () => (await service.allEvents()).filter((e) => e.streamId.startsWith('mdt-'));
  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = (await mdtEvents()).length;
    await act();
    expect(await mdtEvents()).toHaveLength(before);
  }
  const meetingBody = () => ({
    startsAt: new Date(Date.parse(service.clock.now()) + 7 * 86_400_000).toISOString(),
    team: 'North locality mental health MDT',
    attendees: [
      { userId: SPECIALIST.user, role: 'consultant-psychiatrist', organisation: SPECIALIST.org },
      { userId: GP.user, role: 'gp', organisation: GP.org },
      { userId: OTHER_PRACTICE.user, role: 'gp', organisation: OTHER_PRACTICE.org },
    ],
  });

  it('runs a meeting: agenda, discussion with a coded decision, an action in its owner’s worklist until done — each an event, each party seeing only what the rules allow', async () => {
    const host = await service.as(SPECIALIST);
    const gp = await service.as(GP);
    const other = await service.as(OTHER_PRACTICE);

    const created = await host.post('/mdt-meetings').set('Idempotency-Key', 'mdt-1').send(meetingBody()).expect(201);
    const id = created.body.id as string;
    expect(created.headers['location']).toBe(`/mdt-meetings/${id}`);
    expect(created.body).toMatchObject({ hostOrganisation: SPECIALIST.org, organisations: [SPECIALIST.org, GP.org, OTHER_PRACTICE.org], cases: [] });
    expect((await host.post('/mdt-meetings').set('Idempotency-Key', 'mdt-1').send(meetingBody()).expect(201)).body.id).toBe(id);
    expect((await (await service.as(STRANGER)).get(`/mdt-meetings/${id}`).expect(404)).body.code).toBe('MDT_MEETING_NOT_FOUND');

    const patient = newPatient();
    const withCase = await gp.post(`/mdt-meetings/${id}/cases`).send({ patient: { subjectId: patient }, question: 'Refused by two services; where should she go?' }).expect(200);
    const caseId = (withCase.body.cases as Array<{ id: string }>)[0]!.id;
    expect(withCase.body.cases[0]).toMatchObject({ restricted: false, patient: { subjectId: patient }, presentingOrganisation: GP.org, question: 'Refused by two services; where should she go?' });
    await other.post(`/mdt-meetings/${id}/cases`).send({ anonymous: true, question: 'A young man who will not engage: approaches?' }).expect(200);

    // Another practice of the meeting sees that an identified case is on the agenda, nothing of the person.
    const seenByOther = await other.get(`/mdt-meetings/${id}`).expect(200);
    expect(seenByOther.body.cases[0]).toEqual({ id: caseId, restricted: true, presentingOrganisation: GP.org });
    expect(JSON.stringify(seenByOther.body)).not.toContain(patient);
    expect(seenByOther.body.cases[1]).toMatchObject({ restricted: false, patient: null, question: 'A young man who will not engage: approaches?' });

    // The discussion: the host's clinicians only.
    await expectNothingWritten(async () => {
      expect((await gp.post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).send({ summary: 'x', decision: 'no-action' }).expect(403)).body.code).toBe('ACTION_NOT_PERMITTED');
      expect((await other.post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).send({ summary: 'x', decision: 'no-action' }).expect(404)).body.code).toBe('MDT_CASE_NOT_FOUND');
      await (await service.as(SERVICE_ADMIN)).post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).send({ summary: 'x', decision: 'no-action' }).expect(403);
      expect((await host.post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).send({ summary: 'x', decision: 'magic' }).expect(400)).body.status).toBe(400);
      await host.post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).set('If-Match', '"99"').send({ summary: 'x', decision: 'no-action' }).expect(412);
    });
    const refusals = (await service.allEvents()).filter((e) => e.type === 'AccessRefused' && e.streamId === `access-${patient}`);
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    const discussed = await host
      .post(`/mdt-meetings/${id}/cases/${caseId}/discussion`)
      .send({ summary: 'Complex trauma; step 3 would not hold her. Secondary care assessment.', decision: 'refer-to-secondary-care' })
      .expect(200);
    expect(discussed.body.cases[0].discussion).toMatchObject({ decision: 'refer-to-secondary-care', recordedBy: SPECIALIST.user });

    // An action for the GP, due in a week.
    const dueDate = addDays(londonDateOf(service.clock.now()), 7);
    await expectNothingWritten(async () => {
      expect((await host.post(`/mdt-meetings/${id}/cases/${caseId}/actions`).send({ description: 'Refer', owner: { userId: 'u-x', organisation: STRANGER.org }, dueDate }).expect(422)).body.code).toBe('OWNER_NOT_IN_MEETING');
      expect((await host.post(`/mdt-meetings/${id}/cases/${caseId}/actions`).send({ description: 'Refer', owner: { userId: GP.user, organisation: GP.org }, dueDate: 'next week' }).expect(400)).body.status).toBe(400);
      await gp.post(`/mdt-meetings/${id}/cases/${caseId}/actions`).send({ description: 'Refer', owner: { userId: GP.user, organisation: GP.org }, dueDate }).expect(403);
    });
    const withAction = await host
      .post(`/mdt-meetings/${id}/cases/${caseId}/actions`)
      .set('Idempotency-Key', 'action-1')
      .send({ description: 'Refer to the community mental health team with the MDT summary', owner: { userId: GP.user, organisation: GP.org }, dueDate })
      .expect(200);
    const actionId = withAction.body.cases[0].actions[0].id as string;
    // A retry under the same key agrees nothing new.
    await host
      .post(`/mdt-meetings/${id}/cases/${caseId}/actions`)
      .set('Idempotency-Key', 'action-1')
      .send({ description: 'Refer to the community mental health team with the MDT summary', owner: { userId: GP.user, organisation: GP.org }, dueDate })
      .expect(200);
    expect((await mdtEvents()).filter((e) => e.type === 'MdtActionAgreed')).toHaveLength(1);
    const worklist = await gp.get('/mdt-actions').query({ organisation: GP.org }).expect(200);
    expect(worklist.body.items).toEqual([
      {
        id: actionId,
        meetingId: id,
        caseId,
        patientSubjectId: patient,
        description: 'Refer to the community mental health team with the MDT summary',
        owner: { userId: GP.user, organisation: GP.org },
        dueDate,
        status: 'open',
        completedAt: null,
      },
    ]);
    expect((await other.get('/mdt-actions').query({ organisation: GP.org }).expect(403)).body.code).toBe('OTHER_ORGANISATION');

    // Done by the owner's organisation only; then off the open worklist.
    await expectNothingWritten(async () => {
      expect((await other.post(`/mdt-meetings/${id}/actions/${actionId}/complete`).expect(404)).body.code).toBe('MDT_ACTION_NOT_FOUND');
      await host.post(`/mdt-meetings/${id}/actions/${actionId}/complete`).expect(404);
    });
    await gp.post(`/mdt-meetings/${id}/actions/${actionId}/complete`).expect(200);
    await gp.post(`/mdt-meetings/${id}/actions/${actionId}/complete`).expect(200);
    expect((await gp.get('/mdt-actions').query({ organisation: GP.org }).expect(200)).body.items).toEqual([]);
    expect((await gp.get('/mdt-actions').query({ organisation: GP.org, status: 'done' }).expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([actionId]);

    expect((await mdtEvents()).map((e) => e.type)).toEqual(['MdtMeetingScheduled', 'MdtCaseAdded', 'MdtCaseAdded', 'MdtCaseDiscussed', 'MdtActionAgreed', 'MdtActionCompleted']);
    // Free text sealed with the person's key (the anonymous case with its own).
    const raw = (await service.dataSource.query(`SELECT data::text AS data FROM "consultations_events"."events" WHERE stream_id = $1`, [`mdt-${id}`])) as Array<{ data: string }>;
    for (const text of ['where should she go', 'will not engage', 'Complex trauma', 'community mental health team']) expect(raw.some((r) => r.data.includes(text))).toBe(false);
  });

  it('refuses a case about a person outside the presenting organisation’s care (H-CN1), a case from outside the meeting, and a malformed meeting — writing nothing', async () => {
    const host = await service.as(SPECIALIST);
    const id = (await host.post('/mdt-meetings').send(meetingBody()).expect(201)).body.id as string;
    await expectNothingWritten(async () => {
      expect((await (await service.as(GP)).post(`/mdt-meetings/${id}/cases`).send({ patient: { subjectId: unrelatedPatient() }, question: 'q' }).expect(404)).body.code).toBe('PATIENT_NOT_FOUND');
      expect((await (await service.as(STRANGER)).post(`/mdt-meetings/${id}/cases`).send({ anonymous: true, question: 'q' }).expect(404)).body.code).toBe('MDT_MEETING_NOT_FOUND');
      await (await service.as(GP)).post(`/mdt-meetings/${id}/cases`).send({ anonymous: true, patient: { subjectId: newPatient() }, question: 'q' }).expect(400);
      await (await service.as(GP)).post(`/mdt-meetings/${id}/cases`).send({ anonymous: true, question: '' }).expect(400);
      const bad = await host.post('/mdt-meetings').send({ ...meetingBody(), attendees: [{ userId: 'u', role: 'wizard', organisation: SPECIALIST.org }] }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('role');
      await host.post('/mdt-meetings').send({ ...meetingBody(), attendees: [] }).expect(400);
      await service.anonymous().post('/mdt-meetings').send(meetingBody()).expect(401);
    });
  });
});
