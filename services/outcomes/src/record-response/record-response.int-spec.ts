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
    expect(response.body.riskAlert).toEqual({ id: response.body.id, urgency: 'urgent', organisationId: THERAPIST.org });
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
    ['too few answers', () => ({ answers: answersTotalling(phq9, 5).slice(1) }), 'invalid-response'],
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
});
