import type { TestUser } from '@stepwell/access/testing';
import { addDays, londonDateOf } from '../domain';
import { GP, newPatient, referralIntake, SERVICE_ADMIN, SPECIALIST, startConsultationsTestApp, STRANGER, unrelatedPatient, type ConsultationsTestApp } from '../testing/consultations-test-app';

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
      .send({ summary: 'Complex trauma; step 3 would not hold her. Secondary care assessment.', decision: 'refer-to-secondary-care', referral: { receivingOrganisation: 'RXT02', urgency: 'urgent', ...referralIntake(service.clock.now()) } })
      .expect(200);
    expect(discussed.body.cases[0].discussion).toMatchObject({ decision: 'refer-to-secondary-care', recordedBy: SPECIALIST.user, referral: { receivingOrganisation: 'RXT02', targetStep: 'secondary-care' } });

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

  describe('one step from advice to action: a decision that refers or changes a step (issue 16 item 6)', () => {
    async function meetingWithCases(key: string) {
      const host = await service.as(SPECIALIST);
      const gp = await service.as(GP);
      const id = (await host.post('/mdt-meetings').set('Idempotency-Key', key).send(meetingBody()).expect(201)).body.id as string;
      const patient = newPatient();
      const identified = (await gp.post(`/mdt-meetings/${id}/cases`).set('Idempotency-Key', 'identified').send({ patient: { subjectId: patient }, question: 'Where next?' }).expect(200)).body.cases[0].id as string;
      const anonymous = (await gp.post(`/mdt-meetings/${id}/cases`).set('Idempotency-Key', 'anonymous').send({ anonymous: true, question: 'Approaches?' }).expect(200)).body.cases[1].id as string;
      return { host, gp, id, patient, identified, anonymous };
    }
    const referral = (change: Record<string, unknown> = {}) => ({ receivingOrganisation: 'RXT02', urgency: 'urgent', ...referralIntake(service.clock.now()), ...change });
    const decide = (decision: string, extra: Record<string, unknown> = {}) => ({ summary: 'Secondary care assessment agreed.', decision, ...extra });

    it('records a referral decision with the intake answers and the reason consent was not needed, and the event carries it for the relay', async () => {
      const { host, id, identified } = await meetingWithCases('refer-1');
      const consent = { notNeededBecause: 'serious-risk-of-harm' };
      const body = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('crisis-pathway', { referral: referral({ consent }) })).expect(200)).body;
      expect(body.cases[0].discussion.referral).toMatchObject({ targetStep: 'crisis', urgency: 'urgent', consent: { personConsented: false, notNeededBecause: 'serious-risk-of-harm' } });
      const event = (await mdtEvents()).find((e) => e.streamId === `mdt-${id}` && e.type === 'MdtCaseDiscussed');
      expect(event?.data).toMatchObject({ hostOrganisationId: SPECIALIST.org, presentingOrganisationId: GP.org, referral: { receivingOrganisationId: 'RXT02', presentingProblems: ['low-mood', 'panic'] } });
    });

    it('records a step-change decision proposing the step to the episode’s provider', async () => {
      const { host, id, identified } = await meetingWithCases('step-1');
      const body = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('step-change', { stepChange: { episodeId: 'ep-77', providingOrganisation: 'RXT01', proposedStep: 'step-3' } })).expect(200)).body;
      expect(body.cases[0].discussion.stepChange).toMatchObject({ episodeId: 'ep-77', providingOrganisation: 'RXT01', proposedStep: 'step-3' });
    });

    it('refuses a referral decision without what referrals needs, an anonymous case’s referral and a stranger — writing nothing', async () => {
      const { host, id, identified, anonymous } = await meetingWithCases('refuse-1');
      await expectNothingWritten(async () => {
        expect((await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care')).expect(422)).body.code).toBe('REFERRAL_DETAILS_REQUIRED');
        const noRisk = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care', { referral: referral({ riskIndicators: { selfHarm: false } }) })).expect(422)).body;
        expect(noRisk.code).toBe('REFERRAL_INTAKE_REQUIRED');
        expect(noRisk.detail).toContain('referral.riskIndicators.suicidalThoughts');
        const noConsent = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care', { referral: referral({ consent: null }) })).expect(422)).body;
        expect(noConsent.detail).toContain('referral.consent.personConsented');
        const badReason = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care', { referral: referral({ consent: { notNeededBecause: 'busy' } }) })).expect(400)).body;
        expect(JSON.stringify(badReason)).toContain('notNeededBecause');
        const asText = (await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care', { referral: referral({ presentingProblems: ['feels low since the loss'] }) })).expect(400)).body;
        expect(JSON.stringify(asText)).toContain('presentingProblems');
        expect((await host.post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('step-change')).expect(422)).body.code).toBe('STEP_CHANGE_DETAILS_REQUIRED');
        const anon = (await host.post(`/mdt-meetings/${id}/cases/${anonymous}/discussion`).send(decide('refer-to-secondary-care', { referral: referral() })).expect(422)).body;
        expect(anon).toMatchObject({ code: 'REFERRAL_NOT_EXPECTED' });
        expect(anon.detail).toContain('anonymous');
        expect((await (await service.as(STRANGER)).post(`/mdt-meetings/${id}/cases/${identified}/discussion`).send(decide('refer-to-secondary-care', { referral: referral() })).expect(404)).body.code).toBe(
          'MDT_MEETING_NOT_FOUND',
        );
      });
    });
  });

  describe('GET /mdt-meetings', () => {
    it('lists the meetings the caller’s organisation holds or attends, by start time, paged and filtered by from/to — an audited read of the people shown', async () => {
      const host = await service.as(SPECIALIST);
      const gp = await service.as(GP);
      const now = Date.parse(service.clock.now());
      const day = 86_400_000;
      // Far in the future so that no other test's meeting falls in the window.
      const base = now + 400 * day;
      const starts = [base + 2 * day, base, base + 30 * day].map((t) => new Date(t).toISOString());
      const ids: string[] = [];
      for (const [index, startsAt] of starts.entries()) {
        ids.push((await host.post('/mdt-meetings').set('Idempotency-Key', `list-${index}`).send({ ...meetingBody(), startsAt }).expect(201)).body.id as string);
      }
      const patient = newPatient();
      await gp.post(`/mdt-meetings/${ids[1]}/cases`).send({ patient: { subjectId: patient }, question: 'A question never listed' }).expect(200);
      const from = londonDateOf(base);
      const to = londonDateOf(base + 2 * day);

      const auditsBefore = (await service.allEvents()).filter((e) => e.streamId === `access-${patient}`).length;
      const page = (await gp.get('/mdt-meetings').query({ organisation: GP.org, from, to }).expect(200)).body;
      expect(page).toMatchObject({ page: 1, total: 2 });
      expect(page.items.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[0]]);
      expect(page.items[0]).toMatchObject({ hostOrganisation: SPECIALIST.org, team: 'North locality mental health MDT', cases: [{ restricted: false, patient: { subjectId: patient }, presentingOrganisation: GP.org, decision: null, openActions: 0 }] });
      expect(JSON.stringify(page)).not.toContain('A question never listed');
      expect((await service.allEvents()).filter((e) => e.streamId === `access-${patient}`).length).toBeGreaterThan(auditsBefore);

      const second = (await host.get('/mdt-meetings').query({ organisation: SPECIALIST.org, from, page: 2, pageSize: 2 }).expect(200)).body;
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(second.items.map((m: { id: string }) => m.id)).toEqual([ids[2]]);

      // Another practice of the meeting sees the identified case as restricted; a stranger sees none of them.
      const other = (await (await service.as(OTHER_PRACTICE)).get('/mdt-meetings').query({ organisation: OTHER_PRACTICE.org, from, to }).expect(200)).body;
      expect(other.items[0].cases).toEqual([{ id: expect.any(String), restricted: true, presentingOrganisation: GP.org }]);
      expect(JSON.stringify(other)).not.toContain(patient);
      expect((await (await service.as(STRANGER)).get('/mdt-meetings').query({ organisation: STRANGER.org, from }).expect(200)).body).toMatchObject({ items: [], total: 0 });
    });

    it('refuses another organisation’s list (403), a from after to and a malformed date (400 naming it), and no token (401)', async () => {
      const gp = await service.as(GP);
      expect((await gp.get('/mdt-meetings').query({ organisation: SPECIALIST.org }).expect(403)).body.code).toBe('OTHER_ORGANISATION');
      const today = londonDateOf(service.clock.now());
      expect(JSON.stringify((await gp.get('/mdt-meetings').query({ organisation: GP.org, from: addDays(today, 1), to: today }).expect(400)).body)).toContain('from');
      expect(JSON.stringify((await gp.get('/mdt-meetings').query({ organisation: GP.org, to: 'next week' }).expect(400)).body)).toContain('to');
      await service.anonymous().get('/mdt-meetings').query({ organisation: GP.org }).expect(401);
    });
  });
});
