import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access';
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
    patient = `p-${randomUUID()}`;
    episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
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
      severityBand: { code: 'moderate', label: expect.any(String) },
      atCaseness: true,
      complete: true,
      missingItems: [],
      riskAlert: null,
      recordedAt: service.clock.now().toISOString(),
    });
    const written = await service.store.readStream(`response-${response.body.id as string}`);
    expect(written.map((e) => e.type)).toEqual(['ResponseRecorded']);
    expect(written[0]?.metadata).toMatchObject({
      patientSubjectId: patient,
      actor: { userId: THERAPIST.user, organisationId: THERAPIST.org, role: 'clinician' },
    });
    expect(written[0]?.data).toMatchObject({ total: 14, severityBand: 'moderate', atCaseness: true, riskSignals: [] });
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

  it('answers 403 to an organisation with no care relationship, and stores nothing', async () => {
    const stranger = await service.as(users.crisisClinician);
    await expectNothingWritten(async () => {
      const response = await stranger.post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(403);
      expect(response.body.code).toBe('NO_LEGITIMATE_RELATIONSHIP');
    });
  });

  it.each([
    ['a link worker', users.linkWorker],
    ['an admin', users.admin],
  ])('answers 403 to %s, whose role may not record measures, and stores nothing', async (_who, who) => {
    const caller = await service.as(who);
    await expectNothingWritten(async () => {
      await caller.post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(403);
    });
  });

  it('answers 401 without a token', async () => {
    await service.anonymous().post(`/patients/${patient}/responses`).send(phq9Body(5)).expect(401);
  });
});
