import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { EpisodeEventsConsumer } from '../integration/episode-events.consumer';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

const phq9 = findQuestionnaire('PHQ-9');
const gad7 = findQuestionnaire('GAD-7');

describe('per-episode outcomes', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('episode_outcomes');
  });
  afterAll(() => service.close());

  async function openEpisode(): Promise<{ patient: string; episodeId: string }> {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    return { patient, episodeId };
  }

  /** One treatment session a week: attended, with a PHQ-9 and a GAD-7 of the totals given. */
  async function session(ep: { patient: string; episodeId: string }, week: number, phq: number, gad: number): Promise<void> {
    const at = new Date(Date.UTC(2026, 0, 5 + 7 * week, 10)).toISOString();
    service.clock.set(at);
    await service.deliver.attended(ep.patient, { episodeId: ep.episodeId, attendedAt: at });
    for (const [code, definition, total] of [['PHQ-9', phq9, phq], ['GAD-7', gad7, gad]] as const) {
      await service
        .http()
        .post(`/patients/${ep.patient}/responses`)
        .send({ questionnaireCode: code, questionnaireVersion: '1', episodeId: ep.episodeId, completedBy: 'patient', answers: answersTotalling(definition, total, code === 'PHQ-9' ? { 'phq9-9': 0 } : {}) })
        .expect(201);
    }
    await service.settled();
  }

  const recordEvents = async (episodeId: string) => service.store.readStream(`episode-${episodeId}`);
  /** Every access-trail event of one request (its correlation id): a refusal must be exactly one `AccessRefused`. */
  const refusalsOf = async (patient: string, correlationId: string) =>
    (await service.store.readStream(`access-${patient}`))
      .filter((e) => (e.data as { correlationId?: string }).correlationId === correlationId)
      .map((e) => ({ type: e.type, ...(e.data as object) }));

  it('computes the flags at discharge after three sessions, with explanations and the rule set, and keeps them', async () => {
    const ep = await openEpisode();
    await session(ep, 0, 14, 12);
    await session(ep, 1, 10, 9);
    await session(ep, 2, 7, 5);
    await service.deliver.discharged(ep.patient, { episodeId: ep.episodeId, dischargedAt: '2026-02-01T09:00:00.000Z' });
    await service.settled();

    const events = await recordEvents(ep.episodeId);
    expect(events.map((e) => e.type)).toEqual(['OutcomeFlagsComputed']);
    expect(events[0]?.metadata.patientSubjectId).toBe(ep.patient);

    const response = await service.http().get(`/episodes/${ep.episodeId}/outcomes`).expect(200);
    expect(response.body).toMatchObject({ episodeId: ep.episodeId, patientSubjectId: ep.patient, ruleSetVersion: 'v1', basis: 'recorded' });
    const flags = response.body.outcome.flags;
    expect(flags.finishedCourse).toEqual({ value: true, explanation: expect.stringContaining('3 attended treatment appointments (≥ 2)') });
    expect(flags.casenessAtStart.value).toBe(true);
    expect(flags.recovery).toEqual({ value: true, explanation: 'recovered: first PHQ-9 14 ≥ 10 and first GAD-7 12 ≥ 8; last PHQ-9 7 < 10 and last GAD-7 5 < 8' });
    expect(flags.reliableImprovement.value).toBe(true);
    expect(flags.reliableRecovery.value).toBe(true);
    expect(flags.reliableDeterioration.value).toBe(false);
    expect(flags.noReliableChange.value).toBe(false);
  });

  it('shows a provisional outcome for an open episode and publishes no flags yet', async () => {
    const ep = await openEpisode();
    await session(ep, 0, 12, 10);
    const response = await service.http().get(`/episodes/${ep.episodeId}/outcomes`).expect(200);
    expect(response.body).toMatchObject({ basis: 'provisional', computedAt: null });
    expect(response.body.outcome.flags.finishedCourse).toEqual({ value: false, explanation: expect.stringContaining('referral not ended') });
    expect(await recordEvents(ep.episodeId)).toEqual([]);
  });

  it('reports "not on track" once at a reliable deterioration', async () => {
    const ep = await openEpisode();
    await session(ep, 0, 10, 8);
    await session(ep, 1, 16, 9);
    await session(ep, 2, 17, 9);
    const events = await recordEvents(ep.episodeId);
    expect(events.map((e) => e.type)).toEqual(['EpisodeNotOnTrack']);
    expect(events[0]?.data).toMatchObject({ reason: 'reliable-deterioration', ruleSetVersion: 'v1' });
  });

  it('applies a redelivered attendance message once, and ignores an assessment-only appointment for outcomes', async () => {
    const ep = await openEpisode();
    const consumer = service.app.get(EpisodeEventsConsumer);
    const attended = await service.deliver.attended(ep.patient, { episodeId: ep.episodeId });
    await consumer.onAttended(attended);
    await service.deliver.attended(ep.patient, { episodeId: ep.episodeId, purpose: 'assessment', isTreatment: false });
    const [counts] = await service.dataSource.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE is_treatment)::int AS treatment FROM outcomes.episode_attendance WHERE episode_id = $1`,
      [ep.episodeId],
    );
    expect(counts).toEqual({ all: 2, treatment: 1 });
    const response = await service.http().get(`/episodes/${ep.episodeId}/outcomes`).expect(200);
    expect(response.body.outcome.flags.finishedCourse.explanation).toContain('1 attended treatment appointment so far');
  });

  it('answers 404 for an episode it has not heard of and 404 for an unknown rule set', async () => {
    await service.http().get(`/episodes/${randomUUID()}/outcomes`).expect(404);
    const ep = await openEpisode();
    const response = await service.http().get(`/episodes/${ep.episodeId}/outcomes?ruleSet=v9`).expect(404);
    expect(response.body.type).toBe(`${PROBLEM_TYPE_BASE}unknown-rule-set`);
  });

  it('answers an organisation with no relationship 404, as for an unknown episode, and refuses the voluntary sector', async () => {
    const ep = await openEpisode();
    const crisis = await service.as(users.crisisClinician);
    const stranger = await crisis.get(`/episodes/${ep.episodeId}/outcomes`).expect(404);
    const unknown = await crisis.get(`/episodes/${randomUUID()}/outcomes`).expect(404);
    expect([stranger.body.code, stranger.body.title]).toEqual([unknown.body.code, unknown.body.title]);
    await (await service.as(users.linkWorker)).get(`/episodes/${ep.episodeId}/outcomes`).expect(403);
  });

  describe('PUT /episodes/{episodeId}/problem-descriptor', () => {
    it('records the problem descriptor from an ICD-10 code as one event, and the outcome names why GAD-7 is used', async () => {
      const ep = await openEpisode();
      const response = await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).send({ icd10Code: 'F41.0' }).expect(200);
      expect(response.body).toEqual({ episodeId: ep.episodeId, patientSubjectId: ep.patient, icd10Code: 'F41.0', anxietyDisorder: 'panic-disorder' });
      const events = await recordEvents(ep.episodeId);
      expect(events.map((e) => e.type)).toEqual(['ProblemDescriptorRecorded']);
      expect(events[0]?.metadata.actor).toEqual({ userId: THERAPIST.user, organisationId: THERAPIST.org, role: 'clinician' });
      await service.settled();
      const outcome = await service.http().get(`/episodes/${ep.episodeId}/outcomes`).expect(200);
      expect(outcome.body.outcome.anxietyMeasure.code).toBe('GAD-7');
      expect(outcome.body.outcome.anxietyMeasure.reason).toContain('panic disorder');
    });

    it('audits the command response as exactly one read of the patient’s record', async () => {
      const ep = await openEpisode();
      const correlationId = `corr-${randomUUID()}`;
      await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).set('X-Correlation-Id', correlationId).send({ icd10Code: 'F41.1' }).expect(200);
      const reads = (await service.store.readStream(`access-${ep.patient}`)).filter(
        (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === correlationId,
      );
      expect(reads).toHaveLength(1);
      expect(reads[0]?.data).toMatchObject({ resource: 'problem-descriptor', resourceIds: [ep.episodeId] });
    });

    it('answers with the episode record’s ETag and takes it back as If-Match: a stale one is 412 and records nothing', async () => {
      const ep = await openEpisode();
      const first = await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).send({ icd10Code: 'F41.0' }).expect(200);
      expect(first.headers['etag']).toBe('"0"');
      const refused = await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).set('If-Match', '"5"').send({ icd10Code: 'F41.1' }).expect(412);
      expect(refused.body).toMatchObject({ status: 412, code: 'STALE_REVISION' });
      expect(await recordEvents(ep.episodeId)).toHaveLength(1);
      const second = await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).set('If-Match', '"0"').send({ icd10Code: 'F41.1' }).expect(200);
      expect(second.headers['etag']).toBe('"1"');
      expect(await recordEvents(ep.episodeId)).toHaveLength(2);
    });

    it('records nothing when the same descriptor is put again', async () => {
      const ep = await openEpisode();
      await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).send({ icd10Code: 'F32.1' }).expect(200);
      await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).send({ icd10Code: 'F32.1' }).expect(200);
      expect(await recordEvents(ep.episodeId)).toHaveLength(1);
    });

    it.each([
      ['a malformed ICD-10 code', { icd10Code: 'panic' }],
      ['an unknown disorder', { anxietyDisorder: 'nerves' }],
      ['an empty body', {}],
    ])('answers 400 to %s and records nothing', async (_what, body) => {
      const ep = await openEpisode();
      await service.http().put(`/episodes/${ep.episodeId}/problem-descriptor`).send(body).expect(400);
      expect(await recordEvents(ep.episodeId)).toEqual([]);
    });

    it('answers 404 for an unknown episode and to an organisation without a relationship, recording nothing', async () => {
      const unknown = randomUUID();
      await service.http().put(`/episodes/${unknown}/problem-descriptor`).send({ icd10Code: 'F41.0' }).expect(404);
      expect(await recordEvents(unknown)).toEqual([]);
      const ep = await openEpisode();
      const correlationId = randomUUID();
      await (await service.as(users.crisisClinician))
        .put(`/episodes/${ep.episodeId}/problem-descriptor`)
        .set('X-Correlation-Id', correlationId)
        .send({ icd10Code: 'F41.0' })
        .expect(404);
      expect(await recordEvents(ep.episodeId)).toEqual([]);
      // The stranger's attempt is in the person's access trail as the policy's refusal, and nothing else is.
      expect(await refusalsOf(ep.patient, correlationId)).toEqual([
        expect.objectContaining({ type: 'AccessRefused', organisationId: users.crisisClinician.org, action: 'episode.record-outcome', outcome: 'not-found' }),
      ]);
    });

    it('a related organisation that does not provide the episode (the referring GP) cannot overwrite its problem descriptor: 403, nothing recorded', async () => {
      const ep = await openEpisode();
      await service.relate(ep.patient, users.gpClinician.org);
      const correlationId = randomUUID();
      const response = await (await service.as(users.gpClinician))
        .put(`/episodes/${ep.episodeId}/problem-descriptor`)
        .set('X-Correlation-Id', correlationId)
        .send({ icd10Code: 'F41.0' })
        .expect(403);
      expect(response.body.code).toBe('NOT_EPISODE_PROVIDER');
      expect(await recordEvents(ep.episodeId)).toEqual([]);
      expect(await refusalsOf(ep.patient, correlationId)).toEqual([
        expect.objectContaining({ type: 'AccessRefused', organisationId: users.gpClinician.org, action: 'episode.record-outcome', outcome: 'forbidden' }),
      ]);
    });
  });
});
