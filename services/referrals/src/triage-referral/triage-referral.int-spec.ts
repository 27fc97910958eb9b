import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('POST /referrals/{id}/triage', () => {
  let service: ReferralsTestApp;
  let seed = 7000;
  // A directory service referrals knows from the directory's events: a signpost must name one (issue 17 item 4).
  let listed: { serviceId: string; name: string };
  let closed: { serviceId: string };
  beforeAll(async () => {
    service = await startReferralsTestApp('triage_referral');
    listed = await service.listDirectoryService({ name: 'Leeds Mind bereavement group' });
    closed = await service.listDirectoryService({ name: 'Closed drop-in', status: 'temporarily closed' });
  });
  afterAll(() => service.close());

  async function refer(overrides: Record<string, unknown> = {}): Promise<{ id: string; patientSubjectId: string; etag: string }> {
    const response = await service.http().post('/referrals').send(referralFor(seed++, overrides)).expect(201);
    return { id: response.body.id as string, patientSubjectId: response.body.patientSubjectId as string, etag: response.headers['etag']! };
  }

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.allEvents();
    await act();
    // Reads are audited to access streams; nothing else may be written.
    expect((await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'))).toEqual(before.filter((e) => !e.streamId.startsWith('access-')));
  }

  const accept = { outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01', note: 'PHQ-9 14, GAD-7 12' };

  it('accepts a referral to a step: 200 with the decision, one ReferralAccepted by the triager, and an opened care episode', async () => {
    const therapist = await service.as(users.therapist);
    const { id, patientSubjectId, etag } = await refer();
    const response = await therapist.post(`/referrals/${id}/triage`).set('If-Match', etag).send(accept).expect(200);
    expect(response.headers['etag']).toBe('"2"');
    expect(response.body).toMatchObject({
      id,
      status: 'Triaged',
      triage: { outcome: 'accept', episodeId: expect.any(String), decision: { step: 'step-2', providingOrganisationId: 'RXT01' } },
    });
    const episodeId = response.body.triage.episodeId as string;
    const referralEvents = await service.store.readStream(`referral-${id}`);
    expect(referralEvents.map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested', 'ReferralAccepted']);
    expect(referralEvents[2]).toMatchObject({
      data: { episodeId, step: 'step-2', providingOrganisationId: 'RXT01', note: 'PHQ-9 14, GAD-7 12' },
      metadata: { patientSubjectId, actor: { userId: users.therapist.user, organisationId: 'RXT01', role: 'clinician' } },
    });
    const episode = await service.store.readStream(`episode-${episodeId}`);
    expect(episode).toEqual([
      expect.objectContaining({ type: 'EpisodeOpened', data: expect.objectContaining({ referralId: id, patientSubjectId, step: 'step-2', organisationId: 'RXT01' }) }),
    ]);
  });

  it.each([
    ['signpost', () => ({ outcome: 'signpost', directoryServiceId: listed.serviceId }), 'ReferralSignposted'],
    ['return-with-advice', () => ({ outcome: 'return-with-advice', advice: 'Manage at step 1; review in 4 weeks' }), 'ReferralReturnedWithAdvice'],
    ['refer-on', () => ({ outcome: 'refer-on', destination: 'crisis-team', destinationOrganisation: 'RCR01' }), 'ReferralReferredOn'],
    ['decline', () => ({ outcome: 'decline', reason: 'outside-catchment', text: 'Registered in York' }), 'ReferralDeclined'],
  ])('records a %s decision', async (_, body, type) => {
    const { id } = await refer();
    const response = await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).send(body()).expect(200);
    expect(response.body.triage.outcome).toBe(body().outcome);
    expect((await service.store.readStream(`referral-${id}`)).map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested', type]);
  });

  describe('signpost names a directory service (issue 17 item 4, H-DR3)', () => {
    it('records the listed service id, and the listing\'s name when the triager gives none', async () => {
      const { id } = await refer();
      const response = await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).send({ outcome: 'signpost', directoryServiceId: listed.serviceId }).expect(200);
      expect(response.body.triage).toMatchObject({ outcome: 'signpost' });
      const [, , signposted] = await service.store.readStream(`referral-${id}`);
      expect(signposted).toMatchObject({ type: 'ReferralSignposted', data: { directoryServiceId: listed.serviceId, service: 'Leeds Mind bereavement group' } });
    });

    it('the latest listing wins: a renamed service is recorded under its new name, an older listing delivered late changes nothing', async () => {
      const first = await service.listDirectoryService({ name: 'Walking group', listedAt: new Date(Date.now() - 60_000).toISOString() });
      await service.listDirectoryService({ ...first, name: 'Leeds walking group', listedAt: new Date().toISOString() });
      await service.listDirectoryService({ ...first, name: 'Stale walking group', listedAt: new Date(Date.now() - 120_000).toISOString() });
      const { id } = await refer();
      await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).send({ outcome: 'signpost', directoryServiceId: first.serviceId }).expect(200);
      expect((await service.store.readStream(`referral-${id}`))[2]).toMatchObject({ data: { service: 'Leeds walking group', directoryServiceId: first.serviceId } });
    });

    it.each([
      ['no directory service named (free text alone)', () => ({ outcome: 'signpost', service: 'Leeds Mind bereavement group' }), 400, undefined],
      ['a service the directory never listed', () => ({ outcome: 'signpost', directoryServiceId: 'svc-never-listed' }), 422, 'UNKNOWN_DIRECTORY_SERVICE'],
      ['a service that is temporarily closed', () => ({ outcome: 'signpost', directoryServiceId: closed.serviceId }), 422, 'DIRECTORY_SERVICE_NOT_ACTIVE'],
    ])('refuses %s, naming directoryServiceId, and writes nothing', async (_, body, status, code) => {
      const { id } = await refer();
      const therapist = await service.as(users.therapist);
      await expectNothingWritten(async () => {
        const response = await therapist.post(`/referrals/${id}/triage`).send(body()).expect(status);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        if (code) expect(response.body).toMatchObject({ code, detail: expect.stringContaining('directoryServiceId') });
        else expect(response.body.errors).toEqual([expect.objectContaining({ field: 'directoryServiceId' })]);
      });
      expect((await service.store.readStream(`referral-${id}`)).map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested']);
    });
  });

  it('records a merge into an open referral of the same person that the caller\'s organisation received', async () => {
    const first = await refer();
    const personSeed = seed - 1;
    const second = await service.http().post('/referrals').send(referralFor(personSeed)).expect(201);
    const response = await (await service.as(users.therapist))
      .post(`/referrals/${second.body.id}/triage`)
      .send({ outcome: 'merge', mergedIntoReferralId: first.id })
      .expect(200);
    expect(response.body.triage.outcome).toBe('merge');
    expect((await service.store.readStream(`referral-${second.body.id}`)).map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested', 'ReferralMerged']);
  });

  it('regression (issue 12 item 17): a merge into an unknown referral, another person\'s, a closed one or one the caller cannot see is a 409 problem and writes nothing', async () => {
    const therapist = await service.as(users.therapist);
    const target = await refer();
    const personSeed = seed - 1;
    const duplicate = await service.http().post('/referrals').send(referralFor(personSeed)).expect(201);
    const otherPerson = await refer();
    const elsewhere = await service.http().post('/referrals').send(referralFor(personSeed, { receivingOrganisation: 'RCR01' })).expect(201);
    const closed = await service.http().post('/referrals').send(referralFor(personSeed)).expect(201);
    await therapist.post(`/referrals/${closed.body.id}/triage`).send({ outcome: 'decline', reason: 'outside-catchment', text: 'Registered in York' }).expect(200);

    for (const [label, mergedIntoReferralId] of [
      ['unknown', randomUUID()],
      ['another person', otherPerson.id],
      ['received elsewhere', elsewhere.body.id as string],
      ['closed', closed.body.id as string],
    ] as const) {
      await expectNothingWritten(async () => {
        const response = await therapist.post(`/referrals/${duplicate.body.id}/triage`).send({ outcome: 'merge', mergedIntoReferralId }).expect(409);
        expect({ label, code: response.body.code }).toEqual({ label, code: 'INVALID_MERGE_TARGET' });
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      });
    }
    await therapist.post(`/referrals/${duplicate.body.id}/triage`).send({ outcome: 'merge', mergedIntoReferralId: target.id }).expect(200);
  });

  it('treats a repeated identical decision as harmless: 200, nothing new written', async () => {
    const therapist = await service.as(users.therapist);
    const { id } = await refer();
    const first = await therapist.post(`/referrals/${id}/triage`).send(accept).expect(200);
    await expectNothingWritten(async () => {
      const again = await therapist.post(`/referrals/${id}/triage`).send(accept).expect(200);
      expect(again.body).toEqual(first.body);
    });
  });

  it('answers 409 with a problem document to another decision on a decided referral, and writes nothing', async () => {
    const therapist = await service.as(users.therapist);
    const { id } = await refer();
    await therapist.post(`/referrals/${id}/triage`).send(accept).expect(200);
    await expectNothingWritten(async () => {
      const response = await therapist
        .post(`/referrals/${id}/triage`)
        .send({ outcome: 'decline', reason: 'patient-declined', text: '' })
        .expect(409)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}referral-already-triaged`, code: 'REFERRAL_ALREADY_TRIAGED' });
    });
  });

  it('answers 412 to a stale If-Match, and writes nothing', async () => {
    const { id } = await refer({ urgency: 'crisis' });
    await expectNothingWritten(async () => {
      await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).set('If-Match', '"0"').send(accept).expect(412);
    });
  });

  it('answers 404 for an unknown referral, 401 without a token, 403 to the referrer (not the receiving organisation), 404 without a relationship', async () => {
    const therapist = await service.as(users.therapist);
    await therapist.post(`/referrals/${randomUUID()}/triage`).send(accept).expect(404);
    const { id } = await refer();
    await expectNothingWritten(async () => {
      await service.anonymous().post(`/referrals/${id}/triage`).send(accept).expect(401);
      const admin = await (await service.as(users.admin)).post(`/referrals/${id}/triage`).send(accept).expect(403);
      expect(admin.body.code).toBe('ACTION_NOT_PERMITTED');
      await (await service.as(users.crisisClinician)).post(`/referrals/${id}/triage`).send(accept).expect(404);
    });
  });

  it.each([
    ['an unknown outcome', { outcome: 'ignore' }, ['outcome']],
    ['an acceptance to step 1', { ...accept, step: 'step-1' }, ['step']],
    ['an acceptance without an organisation', { outcome: 'accept', step: 'step-3' }, ['providingOrganisation']],
    ['a decline without a reason', { outcome: 'decline', text: 'x' }, ['reason']],
    ['a property the API does not know', { ...accept, priority: 'high' }, ['priority']],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, body, fields) => {
    const { id } = await refer();
    await expectNothingWritten(async () => {
      const response = await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).send(body).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    });
  });

  it('answers 400 to a decline for "other" without text, and writes nothing', async () => {
    const { id } = await refer();
    await expectNothingWritten(async () => {
      const response = await (await service.as(users.therapist)).post(`/referrals/${id}/triage`).send({ outcome: 'decline', reason: 'other', text: '' }).expect(400);
      expect(response.body.code).toBe('INVALID_TRIAGE_DECISION');
    });
  });
});

describe('GET /referrals?status=awaiting-triage&organisation=', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('triage_queue');
  });
  afterAll(() => service.close());

  it('lists the organisation’s referrals awaiting triage, urgent triage first, then by urgency, then the longest wait, with days waited', async () => {
    const post = (seed: number, overrides: Record<string, unknown> = {}) =>
      service.http().post('/referrals').send(referralFor(seed, overrides)).expect(201).then((r) => r.body.id as string);
    const routineOld = await post(1);
    const urgent = await post(2, { urgency: 'urgent' });
    const routineNew = await post(3);
    const suicidal = await post(4, { riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false } });
    const crisis = await post(5, { urgency: 'crisis' });
    const elsewhere = await post(6, { receivingOrganisation: 'RCR01' });
    const triaged = await post(7);
    const therapist = await service.as(users.therapist);
    await therapist.post(`/referrals/${triaged}/triage`).send({ outcome: 'signpost', directoryServiceId: (await service.listDirectoryService()).serviceId, service: 'Mind' }).expect(200);

    const response = await therapist.get('/referrals?status=awaiting-triage&organisation=RXT01').expect(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([crisis, suicidal, urgent, routineOld, routineNew]);
    expect(response.body).toMatchObject({ page: 1, pageSize: 50, total: 5 });
    expect(response.body.items[0]).toMatchObject({ urgency: 'crisis', urgentTriage: true, daysWaited: 0, status: 'awaiting-triage' });
    expect(response.body.items.map((item: { id: string }) => item.id)).not.toContain(elsewhere);

    const second = await therapist.get('/referrals?organisation=RXT01&page=2&pageSize=2').expect(200);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([urgent, routineOld]);
    expect(second.body.total).toBe(5);
  });

  it('audits the read for every patient listed, and refuses an organisation without a relationship with them', async () => {
    const id = await service.http().post('/referrals').send(referralFor(50, { receivingOrganisation: 'RXT01' })).expect(201);
    const stranger = await service.as(users.crisisClinician);
    await stranger.get('/referrals?organisation=RXT01').expect(403);
    const access = await service.store.readStream(`access-${id.body.patientSubjectId as string}`);
    const before = access.length;
    await (await service.as(users.therapist)).get('/referrals?organisation=RXT01').expect(200);
    expect(await service.store.readStream(`access-${id.body.patientSubjectId as string}`)).toHaveLength(before + 1);
  });

  it('answers 400 to an organisation that is not an ODS code, and 403 to the auditor role', async () => {
    const therapist = await service.as(users.therapist);
    await therapist.get('/referrals?organisation=rx%204').expect(400);
    await (await service.as(users.auditor)).get('/referrals?organisation=RXT01').expect(403);
  });
});
