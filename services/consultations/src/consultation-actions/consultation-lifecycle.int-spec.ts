import { GP, publishOffering, referralIntake, SERVICE_ADMIN, SPECIALIST, SPECIALIST_2, startConsultationsTestApp, STRANGER, validAnswer, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

describe('a consultation’s lifecycle: accept, assign, information, answer, rate, close, redirect, decline, messages', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_lifecycle');
    await publishOffering(service);
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  async function requested(overrides: Record<string, unknown> = {}): Promise<{ id: string; patient: string | null; etag: string }> {
    const response = await (await service.as(GP)).post('/consultations').send(validRequest(overrides)).expect(201);
    return { id: response.body.id as string, patient: (response.body.patient?.subjectId as string | undefined) ?? null, etag: response.headers['etag'] as string };
  }

  const eventsOf = async (id: string) => (await service.store.readStream(`consultation-${id}`)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, actor: e.metadata.actor }));

  it('goes requested → accepted → information requested ↔ provided → answered → rated → closed, each step an event with its actor and reason', async () => {
    const { id, patient } = await requested();
    const specialist = await service.as(SPECIALIST);
    const gp = await service.as(GP);

    const accepted = await specialist.post(`/consultations/${id}/accept`).set('If-Match', '"0"').send({ assignTo: SPECIALIST.user, reason: 'Psychotherapy question' }).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', assignedTo: SPECIALIST.user });
    expect(accepted.headers['etag']).toBe('"1"');
    await specialist.post(`/consultations/${id}/assign`).send({ assignTo: SPECIALIST_2.user, reason: 'Annual leave' }).expect(200);
    const asked = await (await service.as(SPECIALIST_2)).post(`/consultations/${id}/information-requests`).send({ question: 'Any history of trauma?' }).expect(200);
    expect(asked.body.status).toBe('information-requested');
    const provided = await gp.post(`/consultations/${id}/information`).send({ text: 'None disclosed.' }).expect(200);
    expect(provided.body).toMatchObject({ status: 'accepted', thread: [{ kind: 'information-requested', text: 'Any history of trauma?' }, { kind: 'information-provided', text: 'None disclosed.', byOrganisation: GP.org }] });
    await gp.post(`/consultations/${id}/messages`).set('Idempotency-Key', 'msg-1').send({ text: 'Happy to talk by phone.' }).expect(200);
    const answered = await (await service.as(SPECIALIST_2)).post(`/consultations/${id}/answer`).send(validAnswer()).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { outcome: 'manage-in-primary-care', advice: validAnswer().advice, answeredBy: SPECIALIST_2.user, referral: null } });
    const rated = await gp.post(`/consultations/${id}/rating`).send({ usefulness: 5, comment: 'Very helpful' }).expect(200);
    expect(rated.body.rating).toEqual({ usefulness: 5, comment: 'Very helpful' });
    const closed = await gp.post(`/consultations/${id}/close`).send({ reason: 'Managing in practice' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', endReason: 'Managing in practice' });

    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual([
      'ConsultationRequested', 'ConsultationAccepted', 'ConsultationAssigned', 'ConsultationInformationRequested', 'ConsultationInformationProvided',
      'ConsultationMessagePosted', 'ConsultationAnswered', 'ConsultationAdviceRated', 'ConsultationClosed',
    ]);
    expect(events[1]).toMatchObject({ data: { reason: 'Psychotherapy question', by: { userId: SPECIALIST.user } }, actor: { userId: SPECIALIST.user, organisationId: SPECIALIST.org } });
    expect(events[2]).toMatchObject({ data: { assignedTo: SPECIALIST_2.user, previouslyAssignedTo: SPECIALIST.user, reason: 'Annual leave' } });
    expect(events[8]).toMatchObject({ data: { reason: 'Managing in practice' }, actor: { userId: GP.user, organisationId: GP.org } });
    // Every answer carrying the patient's consultation was an audited read.
    const trail = await service.store.readStream(`access-${patient as string}`);
    expect(trail.filter((e) => e.type === 'PatientRecordAccessed')).toHaveLength(9);
  });

  it('refuses a stale If-Match with 412 and writes nothing', async () => {
    const { id } = await requested();
    await (await service.as(SPECIALIST)).post(`/consultations/${id}/accept`).send({}).expect(200);
    await expectNothingWritten(async () => {
      await (await service.as(SPECIALIST)).post(`/consultations/${id}/decline`).set('If-Match', '"0"').send({ reason: 'Outside remit' }).expect(412);
    });
  });

  it('is declined with a reason, and redirected to another service with a reason; nothing further can be done on them', async () => {
    const specialist = await service.as(SPECIALIST);
    const declined = await requested();
    expect((await specialist.post(`/consultations/${declined.id}/decline`).send({ reason: 'Needs secondary care assessment' }).expect(200)).body).toMatchObject({ status: 'declined', endReason: 'Needs secondary care assessment' });
    const redirected = await requested();
    expect((await specialist.post(`/consultations/${redirected.id}/redirect`).send({ toService: 'PCP02', reason: 'Closer service' }).expect(200)).body).toMatchObject({ status: 'redirected', redirectedTo: 'PCP02' });
    await expectNothingWritten(async () => {
      expect((await specialist.post(`/consultations/${declined.id}/accept`).send({}).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await (await service.as(GP)).post(`/consultations/${redirected.id}/messages`).send({ text: 'Why?' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  it('refuses each side the other side’s steps (403) and bad input (400/422), writing nothing', async () => {
    const { id } = await requested();
    const gp = await service.as(GP);
    const specialist = await service.as(SPECIALIST);
    await expectNothingWritten(async () => {
      // The requester is no consultation service: the policy grants it no `consultation.work`.
      expect((await gp.post(`/consultations/${id}/accept`).send({}).expect(403)).body.code).toBe('ACTION_NOT_PERMITTED');
      expect((await gp.post(`/consultations/${id}/answer`).send(validAnswer()).expect(403)).body.code).toBe('ACTION_NOT_PERMITTED');
      expect((await specialist.post(`/consultations/${id}/rating`).send({ usefulness: 5 }).expect(403)).body.code).toBe('ACTION_NOT_PERMITTED');
      // An admin of the service may accept but not answer (role), and nobody answers before acceptance.
      expect((await (await service.as(SERVICE_ADMIN)).post(`/consultations/${id}/answer`).send(validAnswer()).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      expect((await specialist.post(`/consultations/${id}/answer`).send(validAnswer()).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await specialist.post(`/consultations/${id}/decline`).send({ reason: '' }).expect(400)).body.status).toBe(400);
      expect((await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'see notes' })).expect(400)).body.status).toBe(400);
    });
    await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
    await expectNothingWritten(async () => {
      expect((await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'refer-to-secondary-care' })).expect(422)).body.code).toBe('REFERRAL_DETAILS_REQUIRED');
      expect((await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'step-change' })).expect(422)).body.code).toBe('STEP_CHANGE_DETAILS_REQUIRED');
      // Issue 16 item 1: the answer's specialism is one of the service's published pool (psychotherapist, consultant psychiatrist).
      const notInPool = (await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ specialism: 'mental-health-pharmacist' })).expect(422)).body;
      expect(notInPool).toMatchObject({ code: 'SPECIALISM_NOT_IN_POOL' });
      expect(notInPool.detail).toContain('specialism');
      // Hazard H-CB1: a referral without the specialist's risk answers, presenting problems or the person's consent.
      const intake = referralIntake(service.clock.now());
      const withoutRisk = { receivingOrganisation: 'RXT02', urgency: 'urgent', presentingProblems: intake.presentingProblems, consent: intake.consent, riskIndicators: { selfHarm: false, harmToOthers: false } };
      const noRisk = (await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'refer-to-secondary-care', referral: withoutRisk })).expect(422)).body;
      expect(noRisk).toMatchObject({ code: 'REFERRAL_INTAKE_REQUIRED' });
      expect(noRisk.detail).toContain('referral.riskIndicators.suicidalThoughts');
      const noConsent = (await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'refer-to-secondary-care', referral: { ...withoutRisk, riskIndicators: intake.riskIndicators, consent: undefined } })).expect(422)).body;
      expect(noConsent.detail).toContain('referral.consent.personConsented');
      const asText = { receivingOrganisation: 'RXT02', urgency: 'urgent', ...intake, presentingProblems: ['feels low since the loss'] };
      expect((await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'refer-to-secondary-care', referral: asText })).expect(400)).body.status).toBe(400);
      expect((await gp.post(`/consultations/${id}/rating`).send({ usefulness: 6 }).expect(400)).body.status).toBe(400);
      expect((await gp.post(`/consultations/${id}/rating`).send({ usefulness: 4 }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  it('an unrelated organisation can neither see nor answer nor act on a consultation: 404 as for an unknown id, nothing written, refusals recorded', async () => {
    const { id, patient } = await requested();
    await (await service.as(SPECIALIST)).post(`/consultations/${id}/accept`).send({}).expect(200);
    const stranger = await service.as(STRANGER);
    await expectNothingWritten(async () => {
      for (const [path, body] of [
        ['', undefined],
        ['/answer', validAnswer()],
        ['/messages', { text: 'hello' }],
        ['/decline', { reason: 'not ours' }],
        ['/information', { text: 'x' }],
      ] as const) {
        const response = body === undefined ? await stranger.get(`/consultations/${id}${path}`).expect(404) : await stranger.post(`/consultations/${id}${path}`).send(body).expect(404);
        expect(response.body.code).toBe('CONSULTATION_NOT_FOUND');
      }
      const list = await stranger.get('/consultations').query({ organisation: STRANGER.org }).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect((await stranger.get('/consultations').query({ organisation: SPECIALIST.org }).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    });
    const refusals = (await service.store.readStream(`access-${patient as string}`)).filter((e) => e.type === 'AccessRefused');
    expect(refusals.map((e) => (e.data as { action: string }).action)).toEqual(['consultation.read', 'consultation.answer', 'consultation.work', 'consultation.work', 'consultation.follow-up']);
  });

  it('answers with a referral outcome for an identified patient, naming where to; the referral request’s id is derived from the consultation', async () => {
    const { id } = await requested();
    const specialist = await service.as(SPECIALIST);
    await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
    const intake = referralIntake(service.clock.now());
    const answered = await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome: 'refer-to-secondary-care', referral: { receivingOrganisation: 'RXT02', urgency: 'urgent', ...intake } })).expect(200);
    expect(answered.body.answer.referral).toMatchObject({ receivingOrganisation: 'RXT02', targetStep: 'secondary-care', urgency: 'urgent', ...intake });
    expect(answered.body.answer.referral.referralRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('books a call or joint appointment with time, mode and attendees (no names), shown to both parties; a past time is refused writing nothing', async () => {
    const { id } = await requested();
    const specialist = await service.as(SPECIALIST);
    await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
    const startsAt = new Date(Date.parse(service.clock.now()) + 2 * 86_400_000).toISOString();
    const attendees = [{ role: 'specialist', organisation: SPECIALIST.org, userId: SPECIALIST.user }, { role: 'gp', organisation: GP.org }, { role: 'patient' }];
    const booked = await specialist.post(`/consultations/${id}/calls`).set('Idempotency-Key', 'call-1').send({ startsAt, mode: 'joint-appointment', attendees }).expect(200);
    expect(booked.body.calls).toEqual([
      {
        id: expect.any(String),
        startsAt,
        mode: 'joint-appointment',
        attendees: [{ role: 'specialist', organisation: SPECIALIST.org, userId: SPECIALIST.user }, { role: 'gp', organisation: GP.org, userId: null }, { role: 'patient', organisation: null, userId: null }],
        bookedBy: SPECIALIST.user,
        bookedByOrganisation: SPECIALIST.org,
      },
    ]);
    expect((await (await service.as(GP)).get(`/consultations/${id}`).expect(200)).body.calls).toEqual(booked.body.calls);
    await expectNothingWritten(async () => {
      await specialist.post(`/consultations/${id}/calls`).set('Idempotency-Key', 'call-1').send({ startsAt, mode: 'joint-appointment', attendees }).expect(200);
      const past = new Date(Date.parse(service.clock.now()) - 3_600_000).toISOString();
      expect((await specialist.post(`/consultations/${id}/calls`).send({ startsAt: past, mode: 'video', attendees }).expect(422)).body.code).toBe('CALL_IN_THE_PAST');
      expect((await specialist.post(`/consultations/${id}/calls`).send({ startsAt, mode: 'video', attendees: [{ role: 'patient', name: 'Jane' }] }).expect(400)).body.status).toBe(400);
    });
  });
});
