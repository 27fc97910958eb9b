import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

const phq9 = findQuestionnaire('PHQ-9');
const gad7 = findQuestionnaire('GAD-7');

describe('POST /patients/{patientId}/responses', () => {
  let service: OutcomesTestApp;
  let patient: string;
  let episodeId: string;
  beforeAll(async () => {
    service = await startOutcomesTestApp('record_response');
  });
  beforeEach(async () => {
    ({ patient, episodeId } = await service.openTherapistEpisode());
  });
  afterAll(() => service.close());

  const phq9Body = (total: number, item9 = 0) => ({
    questionnaireCode: 'PHQ-9',
    questionnaireVersion: '1',
    episodeId,
    completedBy: 'patient',
    answers: answersTotalling(phq9, total, { 'phq9-9': item9 }),
  });

  // The access trail (`access-*` streams) records even a refused request: what must not appear is a clinical event.
  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));
    await act();
    expect((await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'))).toEqual(before);
  }

  it('records a PHQ-9: 201 with total, band and caseness, and one ResponseRecorded event by the clinician', async () => {
    const response = await service.http().post(`/patients/${patient}/responses`).send(phq9Body(14)).expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      patientSubjectId: patient,
      episodeId,
      appointmentId: null,
      questionnaireCode: 'PHQ-9',
      questionnaireVersion: '1',
      completedBy: 'patient',
      total: 14,
      convertedScore: null,
      notApplicableItems: [],
      severityBand: { code: 'moderate', label: expect.any(String) },
      atCaseness: true,
      complete: true,
      missingItems: [],
      riskAlert: null,
      recordedAt: service.clock.now(),
      completedAt: service.clock.now(),
      lateEntryAfterDischarge: false,
    });
    const written = await service.store.readStream(`response-${response.body.id as string}`);
    expect(written.map((e) => e.type)).toEqual(['ResponseRecorded']);
    expect(written[0]?.metadata).toMatchObject({
      patientSubjectId: patient,
      actor: { userId: THERAPIST.user, organisationId: THERAPIST.org, role: 'clinician' },
    });
    expect(written[0]?.data).toMatchObject({ total: 14, severityBand: 'moderate', atCaseness: true, riskSignals: [] });
  });

  it('answers GET at the Location it gave with the response as recorded; 404 under another patient; a stranger refused as for an unknown patient', async () => {
    const created = await service.http().post(`/patients/${patient}/responses`).send(phq9Body(9)).expect(201);
    const location = created.headers['location'] as string;
    expect(location).toBe(`/patients/${patient}/responses/${created.body.id as string}`);
    expect((await service.http().get(location).expect(200)).body).toEqual(created.body);
    const other = `p-${randomUUID()}`;
    await service.relate(other, THERAPIST.org);
    const elsewhere = await service.http().get(`/patients/${other}/responses/${created.body.id as string}`).expect(404);
    expect(elsewhere.body.code).toBe('RESPONSE_NOT_FOUND');
    expect((await service.http().get(`/patients/${patient}/responses/${randomUUID()}`).expect(404)).body.code).toBe('RESPONSE_NOT_FOUND');
    const stranger = await service.as(users.crisisClinician);
    const refused = await stranger.get(location);
    const unknown = await stranger.get(`/patients/p-nobody-${randomUUID()}/responses/${randomUUID()}`);
    expect(refused.status).toBeGreaterThanOrEqual(403);
    expect([refused.status, refused.body.code, refused.body.title]).toEqual([unknown.status, unknown.body.code, unknown.body.title]);
  });

  it('scores a GAD-7 of 7 as below caseness (cut-off 8)', async () => {
    const body = { ...phq9Body(0), questionnaireCode: 'GAD-7', answers: answersTotalling(gad7, 7) };
    const response = await service.http().post(`/patients/${patient}/responses`).send(body).expect(201);
    expect(response.body).toMatchObject({ total: 7, atCaseness: false, severityBand: { code: 'mild' } });
  });

  it('raises a risk alert in the same append when PHQ-9 item 9 is above 0, for the provider of the current step', async () => {
    const response = await service.http().post(`/patients/${patient}/responses`).send(phq9Body(6, 2)).expect(201);
    expect(response.body.riskAlert).toEqual({
      id: response.body.id,
      urgency: 'urgent',
      organisationId: THERAPIST.org,
      namedClinician: { id: THERAPIST.user, source: 'recorded-by' },
    });
    const written = await service.store.readStream(`response-${response.body.id as string}`);
    expect(written.map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised']);
    expect(written[1]?.data).toMatchObject({ signal: 'thoughts-of-self-harm', urgency: 'urgent', episodeId, organisationId: THERAPIST.org });
  });

  it('returns the first response for a retry with the same Idempotency-Key and writes nothing more', async () => {
    const key = `retry-${randomUUID()}`;
    const first = await service.http().post(`/patients/${patient}/responses`).set('Idempotency-Key', key).send(phq9Body(9)).expect(201);
    await expectNothingWritten(async () => {
      const retry = await service.http().post(`/patients/${patient}/responses`).set('Idempotency-Key', key).send(phq9Body(9)).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });
  });

  it.each([
    ['no answers at all', () => ({ answers: [] }), 'invalid-response'],
    ['an answer out of range', () => ({ answers: answersTotalling(phq9, 5).map((a, i) => (i === 0 ? { ...a, value: 4 } : a)) }), 'invalid-response'],
    ['an unknown questionnaire', () => ({ questionnaireCode: 'BDI-II' }), 'unknown-questionnaire'],
    ['an unknown version', () => ({ questionnaireVersion: '7' }), 'unknown-questionnaire'],
    ['a measure not yet supported', () => ({ questionnaireCode: 'SPIN' }), 'questionnaire-not-supported'],
    ['an unknown completedBy', () => ({ completedBy: 'relative' }), 'validation-failed'],
    ['a property the API does not know', () => ({ score: 12 }), 'validation-failed'],
  ])('answers 400 to %s with a problem document, and stores nothing', async (_what, change, slug) => {
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post(`/patients/${patient}/responses`)
        .send({ ...phq9Body(5), ...change() })
        .expect(400)
        .expect('content-type', /problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}${slug}`, status: 400 });
    });
  });

  // Issue 12 item 9 (H-R3): an incomplete PHQ-9 was refused whole (400), so its item 9 answer raised no alert.
  it('keeps a PHQ-9 with items missing as unscored and raises the alert when item 9 is above 0', async () => {
    const body = { ...phq9Body(0), answers: [{ linkId: 'phq9-9', value: 1 }, { linkId: 'phq9-1', value: 3 }] };
    const response = await service.http().post(`/patients/${patient}/responses`).send(body).expect(201);
    expect(response.body).toMatchObject({ complete: false, total: null, severityBand: null, atCaseness: null, riskAlert: { urgency: 'high', organisationId: THERAPIST.org } });
    expect(response.body.missingItems).toEqual(['phq9-2', 'phq9-3', 'phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8']);
    const written = await service.store.readStream(`response-${response.body.id as string}`);
    expect(written.map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised']);
    expect(written[0]?.data).toMatchObject({ complete: false, total: null, answers: [{ linkId: 'phq9-1', value: 3 }, { linkId: 'phq9-9', value: 1 }] });
    // Unscored: shown in no series total and never paired for outcomes, but the alert is in the queue at once.
    const queue = await service.http().get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(response.body.id);
  });

  // Issue 12 item 13 (H-R6): a random episodeId was accepted, and its alert routed to the caller's organisation.
  it('answers 404 to a response naming an episode this service does not know, stores nothing and raises no alert', async () => {
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post(`/patients/${patient}/responses`)
        .send({ ...phq9Body(12, 3), episodeId: randomUUID() })
        .expect(404)
        .expect('content-type', /problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}episode-not-found`, code: 'EPISODE_NOT_FOUND' });
    });
  });

  it('answers 409 to a response for a discharged episode, and stores nothing', async () => {
    await service.deliver.discharged(patient, { episodeId });
    await expectNothingWritten(async () => {
      const response = await service.http().post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(409).expect('content-type', /problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}episode-discharged`, code: 'EPISODE_DISCHARGED' });
    });
  });

  it("answers 404 to a response naming another patient's episode, and stores nothing", async () => {
    const other = `p-${randomUUID()}`;
    await service.relate(other, THERAPIST.org);
    await expectNothingWritten(async () => {
      await service.http().post(`/patients/${other}/responses`).send(phq9Body(5)).expect(404);
    });
  });

  it('answers an organisation with no care relationship exactly as for an unknown patient, and stores nothing', async () => {
    const stranger = await service.as(users.crisisClinician);
    await expectNothingWritten(async () => {
      const refused = await stranger.post(`/patients/${patient}/responses`).send(phq9Body(5));
      const unknown = await stranger.post(`/patients/p-nobody-${randomUUID()}/responses`).send(phq9Body(5));
      expect(refused.status).toBeGreaterThanOrEqual(403);
      expect([refused.status, refused.body.code, refused.body.title]).toEqual([unknown.status, unknown.body.code, unknown.body.title]);
    });
  });

  it('answers 404 to a response naming an episode the service has not heard of, and stores nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service.http().post(`/patients/${patient}/responses`).send({ ...phq9Body(5), episodeId: randomUUID() }).expect(404);
      expect(response.body.code).toBe('EPISODE_NOT_FOUND');
    });
  });

  it('a related organisation that does not provide the episode (the referring GP) cannot record a measure to it: 403, nothing stored', async () => {
    await service.relate(patient, users.gpClinician.org);
    await expectNothingWritten(async () => {
      const response = await (await service.as(users.gpClinician)).post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(403);
      expect(response.body.code).toBe('NOT_EPISODE_PROVIDER');
    });
  });

  it('break-glass does not let an unrelated clinician write a PHQ-9 into another organisation’s record', async () => {
    const stranger = await service.as(users.crisisClinician);
    await expectNothingWritten(async () => {
      await stranger
        .post(`/patients/${patient}/responses`)
        .set('X-Break-Glass-Reason', 'Patient in crisis at our door, need history')
        .send(phq9Body(5))
        .expect(403);
    });
    expect((await service.allEvents()).filter((e) => e.type === 'ResponseRecorded' && e.metadata.patientSubjectId === patient)).toEqual([]);
  });

  it('audits the command response as exactly one read of the patient’s record', async () => {
    const correlationId = `corr-${randomUUID()}`;
    const response = await service.http().post(`/patients/${patient}/responses`).set('X-Correlation-Id', correlationId).send(phq9Body(5)).expect(201);
    const reads = (await service.store.readStream(`access-${patient}`)).filter(
      (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === correlationId,
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]?.data).toMatchObject({ organisationId: THERAPIST.org, resource: 'questionnaire-response', basis: 'relationship' });
    expect(response.body.patientSubjectId).toBe(patient);
  });

  it.each([
    ['a link worker', users.linkWorker],
    ['an admin', users.admin],
    ['a voluntary-sector clinician (never sees or records scores)', { user: 'u-vs-c', org: 'VS0042', orgType: 'voluntary-sector' as const, roles: ['clinician' as const] }],
  ])('answers 403 to %s, whose role may not record measures, and stores nothing', async (_who, who) => {
    const caller = await service.as(who);
    await expectNothingWritten(async () => {
      await caller.post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(403);
    });
  });

  it('answers 401 without a token', async () => {
    await service.anonymous().post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(401);
  });

  it('H-M5: stores a SWEMWBS v2 response with both its raw total and its labelled metric score, and charts the metric', async () => {
    const swemwbs = findQuestionnaire('SWEMWBS');
    const body = { ...phq9Body(0), questionnaireCode: 'SWEMWBS', questionnaireVersion: '2', answers: answersTotalling(swemwbs, 21) };
    const response = await service.http().post(`/patients/${patient}/responses`).send(body).expect(201);
    expect(response.body).toMatchObject({ total: 21, convertedScore: { label: 'metric', value: 19.25 } });
    await service.settled();
    const series = await service.http().get(`/patients/${patient}/measures?code=SWEMWBS`).expect(200);
    expect(series.body.items).toEqual([expect.objectContaining({ total: 21, metricScore: 19.25 })]);
  });

  describe('when the measure was completed (issue 12 item 3)', () => {
    const daysAgo = (days: number) => new Date(Date.parse(service.clock.now()) - days * 86_400_000).toISOString();
    const post = (body: object) => service.http().post(`/patients/${patient}/responses`).send(body);
    const gad7Body = (total: number) => ({ ...phq9Body(0), questionnaireCode: 'GAD-7', answers: answersTotalling(gad7, total) });

    it('H-M3: pairs first and last by completedAt, not by the order they were keyed in', async () => {
      // The last session's scores are keyed in first; the first session's a week later in entry order.
      await post({ ...phq9Body(5), completedAt: daysAgo(1) }).expect(201);
      await post({ ...gad7Body(3), completedAt: daysAgo(1) }).expect(201);
      await post({ ...phq9Body(16), completedAt: daysAgo(21) }).expect(201);
      await post({ ...gad7Body(14), completedAt: daysAgo(21) }).expect(201);
      await service.settled();
      const response = await service.http().get(`/episodes/${episodeId}/outcomes`).expect(200);
      expect(response.body.outcome.depression).toMatchObject({ first: { total: 16 }, last: { total: 5 }, change: -11 });
      expect(response.body.outcome.anxiety).toMatchObject({ first: { total: 14 }, last: { total: 3 } });
      expect(response.body.outcome.flags.casenessAtStart.value).toBe(true);
    });

    it('H-M3: takes completedAt from the attended appointment the response belongs to', async () => {
      const attendedAt = daysAgo(3);
      const attended = await service.deliver.attended(patient, { episodeId, attendedAt });
      const response = await post({ ...phq9Body(9), appointmentId: attended.data.appointmentId }).expect(201);
      expect(response.body).toMatchObject({ completedAt: attendedAt, recordedAt: service.clock.now() });
    });

    it('H-M3: refuses a completedAt in the future with 400, writing nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await post({ ...phq9Body(9), completedAt: new Date(Date.parse(service.clock.now()) + 3_600_000).toISOString() }).expect(400);
        expect(response.body).toMatchObject({ code: 'INVALID_RESPONSE' });
      });
    });

    it('H-M3: takes a late entry after discharge for the final session on the discharge date, and the event says so', async () => {
      const dischargedAt = daysAgo(1);
      await service.deliver.discharged(patient, { episodeId, dischargedAt });
      const response = await post({ ...phq9Body(6), completedAt: new Date(Date.parse(dischargedAt) - 3_600_000).toISOString() }).expect(201);
      expect(response.body.lateEntryAfterDischarge).toBe(true);
      const written = await service.store.readStream(`response-${response.body.id as string}`);
      expect(written[0]?.data).toMatchObject({ lateEntryAfterDischarge: { dischargedAt } });
      // The late entry re-evaluates the discharged episode's outcome: let that finish before watching the log.
      await service.settled();
      // A contact after the discharge date is still refused.
      await expectNothingWritten(async () => {
        await post(phq9Body(6)).expect(409);
      });
    });
  });
});
