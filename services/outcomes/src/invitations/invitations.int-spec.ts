import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { CRISIS_INFORMATION } from '@stepwell/contracts';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

const phq9 = findQuestionnaire('PHQ-9');
const gad7 = findQuestionnaire('GAD-7');

describe('questionnaire invitations', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('invitations');
  });
  afterAll(() => service.close());

  async function invite(): Promise<{ token: string; id: string; patient: string; episodeId: string; expiresAt: string }> {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const response = await service
      .http()
      .post('/questionnaire-invitations')
      .send({ patientSubjectId: patient, episodeId, questionnaires: [{ code: 'PHQ-9' }, { code: 'GAD-7' }] })
      .expect(201);
    return { token: response.body.token, id: response.body.id, patient, episodeId, expiresAt: response.body.expiresAt };
  }

  const submission = (item9 = 0) => ({
    responses: [
      { questionnaireCode: 'PHQ-9', questionnaireVersion: '1', answers: answersTotalling(phq9, 11, { 'phq9-9': item9 }) },
      { questionnaireCode: 'GAD-7', questionnaireVersion: '1', answers: answersTotalling(gad7, 9) },
    ],
  });

  it('issues a single-use link valid for 72 hours, storing no token', async () => {
    const { token, id, expiresAt } = await invite();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - Date.parse(service.clock.now())).toBe(72 * 3_600_000);
    const [issued] = await service.store.readStream(`invitation-${id}`);
    expect(issued?.type).toBe('InvitationIssued');
    expect(JSON.stringify(issued)).not.toContain(token);
  });

  it('shows the questionnaires without login and nothing about the patient', async () => {
    const { token, patient, episodeId } = await invite();
    const response = await service.anonymous().get(`/q/${token}`).expect(200);
    expect(response.body.questionnaires.map((q: { code: string }) => q.code)).toEqual(['PHQ-9', 'GAD-7']);
    expect(response.body.questionnaires[0].fhir.resourceType).toBe('Questionnaire');
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(patient);
    expect(text).not.toContain(episodeId);
  });

  it('records the responses as the patient, raises a risk alert like a session does, and then the link is gone (410)', async () => {
    const { token, patient } = await invite();
    const before = (await service.allEvents()).length;
    const answered = await service.anonymous().post(`/q/${token}`).send(submission(1)).expect(201);
    expect(answered.body.crisisInformation).toEqual(CRISIS_INFORMATION);
    const written = (await service.allEvents()).slice(before).filter((e) => !e.streamId.startsWith('access-'));
    expect(written.map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised', 'ResponseRecorded', 'InvitationUsed']);
    expect(written[0]?.metadata).toMatchObject({ patientSubjectId: patient, actor: { organisationId: THERAPIST.org, role: 'patient' } });
    expect(written[0]?.data).toMatchObject({ completedBy: 'patient', total: 11 });

    const again = await service.anonymous().post(`/q/${token}`).send(submission()).expect(410).expect('content-type', /problem\+json/);
    expect(again.body.type).toBe(`${PROBLEM_TYPE_BASE}invitation-used`);
    await service.anonymous().get(`/q/${token}`).expect(410);
  });

  // Issue 12 item 10 (H-R4): a person who told us online they think of ending their life was shown nothing.
  it('shows crisis information (NHS 111 option 2, Samaritans 116 123, 999) at once to a patient answering PHQ-9 item 9 above 0 online, even with other items missing', async () => {
    const { token, patient } = await invite();
    const onlyItem9 = { ...submission(), responses: [{ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', answers: [{ linkId: 'phq9-9', value: 1 }] }, submission().responses[1]!] };
    const answered = await service.anonymous().post(`/q/${token}`).send(onlyItem9).expect(201);
    expect(answered.body.crisisInformation).toMatchObject({ version: CRISIS_INFORMATION.version });
    const phones = (answered.body.crisisInformation.contacts as Array<{ telephone: string }>).map((c) => c.telephone);
    expect(phones).toEqual(['111, then option 2', '116 123', '999']);
    // Readable at once: the alert is in the provider's queue when the 201 arrives.
    const queue = await service.http().get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(queue.body.items.some((a: { patientSubjectId: string }) => a.patientSubjectId === patient)).toBe(true);
  });

  it('shows no crisis information when no answer signalled risk', async () => {
    const { token } = await invite();
    const answered = await service.anonymous().post(`/q/${token}`).send(submission(0)).expect(201);
    expect(answered.body.crisisInformation).toBeNull();
  });

  it('answers 410 to an expired link and 404 to an unknown or malformed one, writing nothing', async () => {
    const { token } = await invite();
    const head = await service.store.headPosition();
    service.clock.advanceMinutes(72 * 60);
    const expired = await service.anonymous().post(`/q/${token}`).send(submission()).expect(410);
    expect(expired.body.type).toBe(`${PROBLEM_TYPE_BASE}invitation-expired`);
    await service.anonymous().get(`/q/${'x'.repeat(43)}`).expect(404);
    await service.anonymous().get('/q/not-a-token').expect(404);
    expect(await service.store.headPosition()).toBe(head);
  });

  it('refuses a submission with an invalid answer or a missing questionnaire as a whole, writing nothing and keeping the link', async () => {
    const { token } = await invite();
    const head = await service.store.headPosition();
    const bad = submission();
    bad.responses[1] = { ...bad.responses[1]!, answers: bad.responses[1]!.answers.map((a, i) => (i === 0 ? { ...a, value: 7 } : a)) };
    await service.anonymous().post(`/q/${token}`).send(bad).expect(400);
    await service.anonymous().post(`/q/${token}`).send({ responses: submission().responses.slice(0, 1) }).expect(400);
    expect(await service.store.headPosition()).toBe(head);
    await service.anonymous().get(`/q/${token}`).expect(200);
  });

  it('refuses to invite for a patient without a relationship, or to an unsupported measure, writing nothing', async () => {
    const head = await service.store.headPosition();
    const patient = `p-${randomUUID()}`;
    await service.http().post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId: randomUUID(), questionnaires: [{ code: 'PHQ-9' }] }).expect(403);
    await service.relate(patient, THERAPIST.org);
    // Issue 12 item 13 (H-R6): an episode this service does not know for the patient is refused.
    await service.http().post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId: randomUUID(), questionnaires: [{ code: 'PHQ-9' }] }).expect(404);
    const episodeId = randomUUID();
    await service.deliver.episodeOpened(patient, { episodeId });
    await service.http().post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId, questionnaires: [{ code: 'SPIN' }] }).expect(400);
    await (await service.as(users.linkWorker)).post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId: randomUUID(), questionnaires: [{ code: 'PHQ-9' }] }).expect(403);
    expect(await service.store.headPosition()).toBe(head);
  });

  it('only the organisation providing the episode invites: 403 to the related referring GP (an audited refusal), 404 for an unknown episode, writing nothing else', async () => {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.relate(patient, users.gpClinician.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const head = await service.store.headPosition();
    const gp = await service.as(users.gpClinician);
    const refused = await gp.post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId, questionnaires: [{ code: 'PHQ-9' }] }).expect(403);
    expect(refused.body.code).toBe('NOT_EPISODE_PROVIDER');
    const unknown = await service.http().post('/questionnaire-invitations').send({ patientSubjectId: patient, episodeId: randomUUID(), questionnaires: [{ code: 'PHQ-9' }] }).expect(404);
    expect(unknown.body.code).toBe('EPISODE_NOT_FOUND');
    // The GP's refusal is audited like every policy refusal (one AccessRefused in the access trail), nothing else written.
    const written = (await service.allEvents()).filter((e) => e.globalPosition > head);
    expect(written.map((e) => [e.type, e.streamId])).toEqual([['AccessRefused', `access-${patient}`]]);
    expect(written[0]?.data).toMatchObject({ organisationId: users.gpClinician.org, action: 'episode.record-outcome', outcome: 'forbidden' });
  });

  it('audits the issued invitation (a command response) as exactly one read', async () => {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const correlationId = randomUUID();
    await service.http().post('/questionnaire-invitations').set('X-Correlation-Id', correlationId).send({ patientSubjectId: patient, episodeId, questionnaires: [{ code: 'PHQ-9' }] }).expect(201);
    const reads = (await service.store.readStream(`access-${patient}`)).filter(
      (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === correlationId,
    );
    expect(reads).toHaveLength(1);
  });

  it('rate-limits the public link routes per address (429 with Retry-After), in the shared store', async () => {
    // The window is the store's (real time, shared by every instance): earlier tests may have used part of it.
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 45 && !limited; i++) {
      const response = await service.anonymous().get(`/q/${'y'.repeat(43)}`);
      if (response.status === 429) limited = response;
      else statuses.push(response.status);
    }
    expect(statuses.every((s) => s === 404)).toBe(true);
    expect(limited).toBeDefined();
    expect(limited!.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
