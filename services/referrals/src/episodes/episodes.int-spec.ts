import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { knowConsultation } from '../testing/known-consultation';

describe('care episodes', () => {
  let service: ReferralsTestApp;
  let seed = 9100;
  beforeAll(async () => {
    service = await startReferralsTestApp('episodes');
  });
  afterAll(() => service.close());

  /** A referral accepted to step 2 at the therapist's service: its episode. */
  async function openEpisode(): Promise<{ episodeId: string; patientSubjectId: string }> {
    const referral = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const triaged = await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    return { episodeId: triaged.body.triage.episodeId as string, patientSubjectId: referral.body.patientSubjectId as string };
  }

  const nonAccess = async () => (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));
  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await nonAccess();
    await act();
    expect(await nonAccess()).toEqual(before);
  }

  it('shows an opened episode, waiting, with its waiting clock and breach dates, and its ETag', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    const response = await (await service.as(users.therapist)).get(`/episodes/${episodeId}`).expect(200);
    expect(response.headers['etag']).toBe('"0"');
    expect(response.body).toMatchObject({
      id: episodeId,
      patientSubjectId,
      status: 'Waiting',
      step: 'step-2',
      providingOrganisationId: 'RXT01',
      waitingClock: { running: true, daysWaited: 0, sixWeeks: { breached: false, breachDate: expect.any(String) }, eighteenWeeks: { breached: false } },
    });
  });

  it('lists the person’s episodes with pagination and a status filter, for an organisation in their care only', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    const list = await therapist.get(`/patients/${patientSubjectId}/episodes`).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 50, total: 1, items: [{ id: episodeId }] });
    const discharged = await therapist.get(`/patients/${patientSubjectId}/episodes?status=Discharged`).expect(200);
    expect(discharged.body).toMatchObject({ total: 0, items: [] });
    // A stranger learns nothing, not even that the person or the episode exists: 404 as for an unknown id.
    await (await service.as(users.crisisClinician)).get(`/patients/${patientSubjectId}/episodes`).expect(404);
    await (await service.as(users.crisisClinician)).get(`/episodes/${episodeId}`).expect(404);
  });

  it('lists the organisation’s waiting episodes from the waiting-times read model, longest wait first, following each change', async () => {
    const first = await openEpisode();
    const second = await openEpisode();
    const therapist = await service.as(users.therapist);
    const waiting = await therapist.get('/episodes?organisation=RXT01&pageSize=200').expect(200);
    const ids = waiting.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(first.episodeId)).toBeLessThan(ids.indexOf(second.episodeId));
    expect(waiting.body.items.find((item: { id: string }) => item.id === first.episodeId)).toMatchObject({
      status: 'Waiting',
      waitingClock: { running: true, sixWeeks: { breachDate: expect.any(String) } },
    });
    expect(waiting.body.total).toBe(waiting.body.items.length);

    await therapist.post(`/episodes/${first.episodeId}/pauses`).send({}).expect(201);
    const paused = await therapist.get('/episodes?organisation=RXT01&status=Paused').expect(200);
    expect(paused.body.items.map((item: { id: string }) => item.id)).toContain(first.episodeId);
    const stillWaiting = await therapist.get('/episodes?organisation=RXT01&pageSize=200').expect(200);
    expect(stillWaiting.body.items.map((item: { id: string }) => item.id)).not.toContain(first.episodeId);

    await (await service.as(users.crisisClinician)).get('/episodes?organisation=RXT01').expect(403);
    await therapist.get('/episodes?organisation=nope').expect(400);
  });

  it('records opt-in, a pause and its end, each under If-Match, as events by the caller', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    const optedIn = await therapist.post(`/episodes/${episodeId}/opt-in`).set('If-Match', '"0"').send({}).expect(200);
    expect(optedIn.headers['etag']).toBe('"1"');
    expect(optedIn.body.optedInAt).toEqual(expect.any(String));
    const paused = await therapist.post(`/episodes/${episodeId}/pauses`).set('If-Match', '"1"').send({ note: 'On holiday' }).expect(201);
    expect(paused.body.status).toBe('Paused');
    // The Location is the episode (a pause has no route of its own); the new pause is the open one in `pauses`.
    expect(paused.headers['location']).toBe(`/episodes/${episodeId}`);
    const pauseId = (paused.body.pauses as Array<{ pauseId: string; to: string | null }>).find((pause) => pause.to === null)!.pauseId;
    const resumed = await therapist.post(`/episodes/${episodeId}/pauses/${pauseId}/end`).set('If-Match', '"2"').send({}).expect(200);
    expect(resumed.body.status).toBe('Waiting');
    const events = await service.store.readStream(`episode-${episodeId}`);
    expect(events.map((e) => e.type)).toEqual(['EpisodeOpened', 'PatientOptedIn', 'WaitingClockPaused', 'WaitingClockPauseEnded']);
    expect(events[2]).toMatchObject({ data: { pauseId, decidedBy: { userId: users.therapist.user } }, metadata: { patientSubjectId } });
  });

  it('steps up with a reason and scores, to secondary care, and back down, recording from, to, who, why and evidence', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    // Consultation evidence names a consultation referrals knows of, about this person (issue 16 item 5).
    await knowConsultation(service, patientSubjectId, 'consult-1');
    const therapist = await service.as(users.therapist);
    const scores = [{ measure: 'phq-9', score: 19, recordedAt: '2026-11-01T10:00:00Z' }];
    const up = await therapist
      .post(`/episodes/${episodeId}/step-changes`)
      .send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'not-improving', scores })
      .expect(201);
    expect(up.body.stepChanges).toEqual([
      expect.objectContaining({ fromStep: 'step-2', toStep: 'step-3', direction: 'up', reason: 'not-improving', decidedBy: expect.objectContaining({ userId: users.therapist.user }) }),
    ]);
    await therapist
      .post(`/episodes/${episodeId}/step-changes`)
      .send({ to: 'secondary-care', providingOrganisation: 'RCR01', reason: 'risk-increased', scores })
      .expect(201);
    // The new provider now has a relationship and may step the person down.
    const down = await (await service.as(users.crisisClinician))
      .post(`/episodes/${episodeId}/step-changes`)
      .send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'risk-reduced', consultationId: 'consult-1' })
      .expect(201);
    expect(down.body).toMatchObject({ step: 'step-3', providingOrganisationId: 'RXT01' });
    expect(down.body.stepChanges.map((c: { direction: string }) => c.direction)).toEqual(['up', 'up', 'down']);
  });

  it('refuses a step change without evidence (400) or to the same step (409), writing nothing', async () => {
    const { episodeId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    await expectNothingWritten(async () => {
      const noEvidence = await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'not-improving' }).expect(400);
      expect(noEvidence.body.code).toBe('EVIDENCE_REQUIRED');
      const same = await therapist
        .post(`/episodes/${episodeId}/step-changes`)
        .send({ to: 'step-2', providingOrganisation: 'RXT01', reason: 'not-improving', scores: [{ measure: 'phq-9', score: 19, recordedAt: '2026-11-01T10:00:00Z' }] })
        .expect(409);
      expect(same.body.code).toBe('SAME_STEP');
      await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-9', providingOrganisation: 'RXT01', reason: 'not-improving' }).expect(400);
    });
  });

  it('discharges with a reason and requests the outcome letter; a later change is refused with 409', async () => {
    const { episodeId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    const discharged = await therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(200);
    expect(discharged.body).toMatchObject({ status: 'Discharged', discharge: { reason: 'completed' } });
    const types = (await service.store.readStream(`episode-${episodeId}`)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['EpisodeDischarged', 'OutcomeLetterRequested']);
    // Discharged, the service is a past provider: it still reads the episode, but writes nothing more to it.
    await expectNothingWritten(async () => {
      const again = await therapist.post(`/episodes/${episodeId}/opt-in`).send({}).expect(403);
      expect(again.body.code).toBe('ACTION_NOT_PERMITTED');
    });
    await therapist.get(`/episodes/${episodeId}`).expect(200);
  });

  it('answers 412 to a stale If-Match, 404 to an unknown episode, 401 without a token, 403 to a related organisation that does not provide it, writing nothing', async () => {
    const { episodeId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    await expectNothingWritten(async () => {
      await therapist.post(`/episodes/${episodeId}/opt-in`).set('If-Match', '"7"').send({}).expect(412);
      await therapist.post(`/episodes/${randomUUID()}/opt-in`).send({}).expect(404);
      await therapist.get(`/episodes/${randomUUID()}`).expect(404);
      await service.anonymous().post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(401);
      const admin = await (await service.as(users.admin)).post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(403);
      expect(admin.body.code).toBe('ACTION_NOT_PERMITTED');
      await therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'bored' }).expect(400);
    });
  });

  it('a GP discharging a Talking Therapies episode: the referring practice is refused (403), nothing written, the refusal audited', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    const gp = await service.as(users.gpClinician);
    const accessBefore = (await service.store.readStream(`access-${patientSubjectId}`)).length;
    await expectNothingWritten(async () => {
      const refused = await gp.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(403);
      expect(refused.body).toMatchObject({ status: 403, code: 'ACTION_NOT_PERMITTED' });
      expect(refused.headers['etag'] ?? '').not.toMatch(/^"\d+"$/);
      await gp.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-3', providingOrganisation: 'A81001', reason: 'not-improving', consultationId: 'c' }).expect(403);
      await gp.post(`/episodes/${episodeId}/pauses`).send({}).expect(403);
    });
    const refusals = (await service.store.readStream(`access-${patientSubjectId}`)).slice(accessBefore);
    expect(refusals.map((e) => e.type)).toEqual(['AccessRefused', 'AccessRefused', 'AccessRefused']);
    expect(refusals[0]?.data).toMatchObject({ organisationId: 'A81001', action: 'episode.decide', outcome: 'forbidden', why: 'no-grant:episode.decide' });
    // The referrer still follows the episode's status: existence, dates and provider, no clinical detail.
    const summary = await gp.get(`/episodes/${episodeId}`).expect(200);
    expect(Object.keys(summary.body).sort()).toEqual(['id', 'openedAt', 'patientSubjectId', 'providingOrganisationId', 'referralId', 'status', 'step', 'discharge'].sort());
  });

  it('answers an episode action with exactly one audited read of the episode', async () => {
    const { episodeId, patientSubjectId } = await openEpisode();
    const therapist = await service.as(users.therapist);
    const before = (await service.store.readStream(`access-${patientSubjectId}`)).length;
    await therapist.post(`/episodes/${episodeId}/opt-in`).send({}).expect(200);
    const access = (await service.store.readStream(`access-${patientSubjectId}`)).slice(before);
    expect(access.map((e) => e.type)).toEqual(['PatientRecordAccessed']);
    expect(access[0]?.data).toMatchObject({ resource: 'episode', resourceIds: [episodeId], organisationId: 'RXT01', basis: 'relationship' });
  });
});
