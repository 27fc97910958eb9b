import { type TestUser, users } from '@stepwell/access/testing';
import { validateIntegrationEvent } from '@stepwell/contracts';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

const stranger: TestUser = { user: 'u-consent-stranger', org: 'RZZ97', orgType: 'talking-therapies', roles: ['clinician'] };

/** Issue 15 item 5: consent to share and to be contacted, recorded as events and honoured by the access policy. */
describe('PUT /patients/{id}/consents', () => {
  let service: ReferralsTestApp;
  let seed = 8700;
  beforeAll(async () => {
    service = await startReferralsTestApp('consents');
  });
  afterAll(() => service.close());

  const streamOf = async (patientId: string) => service.store.readStream(`consents-${patientId}`);

  /** GP A81001 refers to RXT01, which accepts and hands the episode over to the crisis team RCR01. */
  async function handedOver(): Promise<{ patientId: string; referralId: string; episodeId: string }> {
    const referral = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const therapist = await service.as(users.therapist);
    const accepted = await therapist
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    const episodeId = accepted.body.triage.episodeId as string;
    const scores = [{ measure: 'phq-9', score: 20, recordedAt: '2026-11-01T10:00:00Z' }];
    await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'secondary-care', providingOrganisation: 'RCR01', reason: 'risk-increased', scores }).expect(201);
    return { patientId: referral.body.patientSubjectId as string, referralId: referral.body.id as string, episodeId };
  }

  it('a withdrawal of consent to share ends the referrer’s access (404) until the person consents again; the treating and receiving organisations keep theirs', async () => {
    const { patientId, referralId } = await handedOver();
    const gp = await service.as(users.gpClinician);
    const crisis = await service.as(users.crisisClinician);
    const therapist = await service.as(users.therapist);
    await gp.get(`/referrals/${referralId}`).expect(200);
    await therapist.get(`/patients/${patientId}/episodes`).expect(200);

    // The person tells their GP they no longer want the service to share with the practice.
    const withdrawn = await gp.put(`/patients/${patientId}/consents`).send({ organisationId: users.gpClinician.org, consented: false, source: 'verbal' }).expect(200);
    expect(withdrawn.body.sharing).toEqual([
      { organisationId: users.gpClinician.org, organisationType: null, consented: false, source: 'verbal', changedAt: expect.any(String), recordedBy: users.gpClinician.org },
    ]);
    expect(withdrawn.headers['etag']).toBe('"0"');
    await gp.get(`/referrals/${referralId}`).expect(404);
    await gp.get(`/patients/${patientId}/consents`).expect(404);

    // The organisation actively treating, and the one the person was referred to, are not sharing-based: a
    // withdrawal for them changes nothing of their access; the past provider's extra reach goes (403: it still
    // holds the referral it received).
    await crisis.put(`/patients/${patientId}/consents`).send({ organisationId: 'RCR01', consented: false, source: 'paper-form' }).expect(200);
    await crisis.put(`/patients/${patientId}/consents`).send({ organisationId: 'RXT01', consented: false, source: 'paper-form' }).expect(200);
    await crisis.get(`/patients/${patientId}/episodes`).expect(200);
    await therapist.get(`/referrals/${referralId}`).expect(200);
    await therapist.get(`/patients/${patientId}/episodes`).expect(403);

    // Consent given again (recorded by the treating organisation): the GP reads the referral again.
    await crisis.put(`/patients/${patientId}/consents`).set('If-Match', '"2"').send({ organisationId: users.gpClinician.org, consented: true, source: 'paper-form' }).expect(200);
    await gp.get(`/referrals/${referralId}`).expect(200);

    const events = await streamOf(patientId);
    expect(events.map((event) => event.type)).toEqual(['SharingConsentWithdrawn', 'SharingConsentWithdrawn', 'SharingConsentWithdrawn', 'SharingConsentGiven']);
    expect(events[0]!.metadata).toMatchObject({ actor: { userId: users.gpClinician.user, organisationId: users.gpClinician.org } });
    const published = mapReferralsEvent(events[0]!);
    expect(published).toEqual([
      expect.objectContaining({
        type: 'referrals.sharing-consent-changed',
        version: 1,
        patientSubjectId: patientId,
        data: { organisationId: users.gpClinician.org, organisationType: null, consented: false, source: 'verbal', changedAt: (events[0]!.data as { changedAt: string }).changedAt },
      }),
    ]);
    expect(validateIntegrationEvent(published[0]!)).toEqual({ ok: true });
  });

  it('applies a withdrawal by organisation type, unless the organisation’s own entry says otherwise', async () => {
    const { patientId, referralId } = await handedOver();
    const crisis = await service.as(users.crisisClinician);
    const gp = await service.as(users.gpClinician);
    await crisis.put(`/patients/${patientId}/consents`).send({ organisationType: 'gp-practice', consented: false, source: 'electronic-form' }).expect(200);
    await gp.get(`/referrals/${referralId}`).expect(404);
    await crisis.put(`/patients/${patientId}/consents`).send({ organisationId: users.gpClinician.org, consented: true, source: 'electronic-form' }).expect(200);
    await gp.get(`/referrals/${referralId}`).expect(200);
  });

  it('records contact consent per channel (not published), the same answer once, and answers the defaults', async () => {
    const { patientId } = await handedOver();
    const crisis = await service.as(users.crisisClinician);
    const before = await crisis.get(`/patients/${patientId}/consents`).expect(200);
    expect(before.body).toEqual({
      id: patientId,
      sharing: [],
      contact: { sms: { allowed: true, source: null, changedAt: null, recordedBy: null }, email: { allowed: true, source: null, changedAt: null, recordedBy: null } },
    });
    const after = await crisis.put(`/patients/${patientId}/consents`).set('Idempotency-Key', `sms-${patientId}`).send({ channel: 'sms', consented: false, source: 'verbal' }).expect(200);
    expect(after.body.contact).toEqual({
      sms: { allowed: false, source: 'verbal', changedAt: expect.any(String), recordedBy: 'RCR01' },
      email: { allowed: true, source: null, changedAt: null, recordedBy: null },
    });
    await crisis.put(`/patients/${patientId}/consents`).set('Idempotency-Key', `sms-${patientId}`).send({ channel: 'sms', consented: false, source: 'verbal' }).expect(200);
    await crisis.put(`/patients/${patientId}/consents`).send({ channel: 'sms', consented: false, source: 'paper-form' }).expect(200);
    const events = await streamOf(patientId);
    expect(events.map((event) => event.type)).toEqual(['ContactConsentWithdrawn']);
    expect(mapReferralsEvent(events[0]!)).toEqual([]);
    // Every answer carries the person's consents: each (the GET and the three PUTs) is an audited access by RCR01.
    const audited = (await service.store.readStream(`access-${patientId}`))
      .filter((event) => event.type === 'PatientRecordAccessed' && (event.data as { resource?: string }).resource === 'consents')
      .map((event) => (event.data as { organisationId?: string }).organisationId);
    expect(audited).toEqual(['RCR01', 'RCR01', 'RCR01', 'RCR01']);
  });

  it('refuses strangers (404), other roles (403), stale ETags (412) and bad input (400 naming the field), writing nothing', async () => {
    const { patientId } = await handedOver();
    const body = { organisationId: 'RY1', consented: false, source: 'verbal' };
    await (await service.as(stranger)).put(`/patients/${patientId}/consents`).send(body).expect(404);
    await (await service.as(stranger)).get(`/patients/${patientId}/consents`).expect(404);
    await (await service.as(users.therapyPrivacyOfficer)).put(`/patients/${patientId}/consents`).send(body).expect(403);
    const therapist = await service.as(users.therapist);
    const bad = await therapist.put(`/patients/${patientId}/consents`).send({ organisationId: 'ry 1', consented: 'no', source: 'rumour' }).expect(400);
    for (const field of ['organisationId', 'consented', 'source']) expect(JSON.stringify(bad.body)).toContain(field);
    const both = await therapist.put(`/patients/${patientId}/consents`).send({ ...body, channel: 'sms' }).expect(400);
    expect(both.body.errors.map((error: { field: string }) => error.field)).toEqual(['organisationId', 'channel']);
    const neither = await therapist.put(`/patients/${patientId}/consents`).send({ consented: false, source: 'verbal' }).expect(400);
    expect(neither.body.errors.map((error: { field: string }) => error.field)).toEqual(['organisationId', 'organisationType', 'channel']);
    await therapist.put(`/patients/${patientId}/consents`).send({ organisationType: 'commissioner', consented: false, source: 'verbal' }).expect(400);
    await therapist.put(`/patients/${patientId}/consents`).set('If-Match', '"7"').send(body).expect(412);
    await service.anonymous().put(`/patients/${patientId}/consents`).send(body).expect(401);
    expect(await streamOf(patientId)).toEqual([]);
  });

  describe('consents given on the referral form (POST /referrals `consents`)', () => {
    const nonAccess = async () => (await service.allEvents()).filter((event) => !event.streamId.startsWith('access-'));

    it('records them as the same consent events, in the referral’s own write; a retry with the same key records nothing new', async () => {
      const form = {
        ...referralFor(seed++),
        consents: [
          { channel: 'sms', consented: false, source: 'electronic-form' },
          { organisationType: 'voluntary-sector', consented: true, source: 'electronic-form' },
          { organisationId: 'RY1', consented: false, source: 'electronic-form' },
        ],
      };
      const key = `consents-on-form-${seed}`;
      const created = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      const patientId = created.body.patientSubjectId as string;
      const events = await streamOf(patientId);
      expect(events.map((event) => event.type)).toEqual(['ContactConsentWithdrawn', 'SharingConsentGiven', 'SharingConsentWithdrawn']);
      // One write with the referral: the same request, the same commit order as the referral's events.
      const referral = await service.store.readStream(`referral-${created.body.id as string}`);
      expect(new Set(events.map((event) => event.metadata.correlationId))).toEqual(new Set([referral[0]?.metadata.correlationId]));
      expect(events[0]?.metadata.occurredAt).toBe(referral[0]?.metadata.occurredAt);

      // Read back as PUT /patients/{id}/consents would answer it.
      const consents = await (await service.as(users.therapist)).get(`/patients/${patientId}/consents`).expect(200);
      expect(consents.body.contact.sms).toMatchObject({ allowed: false, source: 'electronic-form', recordedBy: users.gpClinician.org });
      expect(consents.body.contact.email).toMatchObject({ allowed: true, changedAt: null });
      expect(consents.body.sharing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ organisationId: null, organisationType: 'voluntary-sector', consented: true }),
          expect.objectContaining({ organisationId: 'RY1', organisationType: null, consented: false }),
        ]),
      );
      // Consent to share travels as the existing contract, ids and codes only.
      for (const event of events.filter((e) => e.type.startsWith('Sharing'))) {
        for (const message of mapReferralsEvent(event)) expect(validateIntegrationEvent(message)).toEqual({ ok: true });
      }

      const retried = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(await streamOf(patientId)).toHaveLength(3);
    });

    it('refuses the same Idempotency-Key with other consents (422 IDEMPOTENCY_KEY_REUSED), writing nothing; the same consents in a retry replay', async () => {
      const consents = [
        { channel: 'email', consented: false, source: 'paper-form' },
        { organisationId: 'RY1', consented: true, source: 'paper-form' },
      ];
      // A person of their own (nhsNumberFor may skip to the next seed): the consents compared are this form's only.
      const form = { ...referralFor((seed += 10)), consents };
      const key = `consents-changed-${seed}`;
      const created = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      const patientId = created.body.patientSubjectId as string;
      const before = (await nonAccess()).length;
      for (const changed of [
        [consents[0]],
        [...consents, { channel: 'sms', consented: false, source: 'paper-form' }],
        [{ ...consents[0], consented: true }, consents[1]],
        [consents[1], consents[0]],
        [],
      ]) {
        const refused = await service.http().post('/referrals').set('Idempotency-Key', key).send({ ...form, consents: changed }).expect(422);
        expect(refused.body).toMatchObject({ status: 422, type: `${PROBLEM_TYPE_BASE}idempotency-key-reused` });
      }
      const { consents: _omitted, ...withoutConsents } = form;
      await service.http().post('/referrals').set('Idempotency-Key', key).send(withoutConsents).expect(422);
      expect((await nonAccess()).length).toBe(before);
      const retried = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(await streamOf(patientId)).toHaveLength(2);
    });

    it('keeps a keyed referral without consents replayable after the person’s consents changed later', async () => {
      const form = referralFor((seed += 10));
      const key = `consents-later-${seed}`;
      const created = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      const patientId = created.body.patientSubjectId as string;
      await (await service.as(users.therapist)).put(`/patients/${patientId}/consents`).send({ channel: 'sms', consented: false, source: 'verbal' }).expect(200);
      const retried = await service.http().post('/referrals').set('Idempotency-Key', key).send(form).expect(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
    });

    it.each<[string, unknown, string[]]>([
      ['names two parties in one consent', [{ channel: 'sms', consented: true, source: 'verbal' }, { organisationId: 'RY1', channel: 'email', consented: true, source: 'verbal' }], ['consents[1].organisationId', 'consents[1].channel']],
      ['names no party', [{ consented: true, source: 'verbal' }], ['consents[0].organisationId']],
      ['has an unknown source', [{ channel: 'sms', consented: true, source: 'telepathy' }], ['consents[0].source']],
      ['has a consent that is not a yes or no', [{ channel: 'email', consented: 'maybe', source: 'verbal' }], ['consents[0].consented']],
      ['is not a list', { channel: 'sms', consented: true, source: 'verbal' }, ['consents']],
      ['holds a word instead of a consent', ['sms'], ['consents']],
      ['holds a list instead of a consent', [[{ channel: 'sms', consented: true, source: 'verbal' }]], ['consents']],
    ])('refuses a form whose consents %s: 400 naming the field, neither the referral nor any consent written', async (_case, consents, fields) => {
      const before = (await nonAccess()).length;
      const refused = await service.http().post('/referrals').send({ ...referralFor(seed++), consents }).expect(400);
      const text = JSON.stringify(refused.body);
      for (const field of fields) expect(text).toContain(field);
      expect((await nonAccess()).length).toBe(before);
    });

    describe('on the self-referral form (POST /self-referrals `consents`)', () => {
      const selfForm = (overrides: Record<string, unknown> = {}) => {
        const { source: _source, ...rest } = referralFor((seed += 10), overrides);
        return rest;
      };

      it('records them as the same consent events in the referral’s own write, recorded by the organisation the form went to', async () => {
        const consents = [
          { channel: 'sms', consented: false, source: 'electronic-form' },
          { organisationType: 'voluntary-sector', consented: true, source: 'electronic-form' },
        ];
        const key = `self-consents-${seed}`;
        const form = selfForm();
        const created = await service.anonymous().post('/self-referrals').set('Idempotency-Key', key).send({ ...form, consents }).expect(201);
        const referral = await service.store.readStream(`referral-${created.body.id as string}`);
        const patientId = referral[0]?.metadata.patientSubjectId as string;
        const events = await streamOf(patientId);
        expect(events.map((event) => event.type)).toEqual(['ContactConsentWithdrawn', 'SharingConsentGiven']);
        expect(new Set(events.map((event) => event.metadata.correlationId))).toEqual(new Set([referral[0]?.metadata.correlationId]));
        expect(events.map((event) => event.metadata.actor.userId)).toEqual(['self-referral-form', 'self-referral-form']);
        expect(events[0]?.data).toEqual({ channel: 'sms', source: 'electronic-form', changedAt: referral[0]?.metadata.occurredAt, recordedBy: 'RXT01' });
        expect(events[1]?.data).toMatchObject({ organisationId: null, organisationType: 'voluntary-sector', recordedBy: 'RXT01' });
        // A retry with the same key replays; with other consents it is a reused key (422), nothing written.
        const retried = await service.anonymous().post('/self-referrals').set('Idempotency-Key', key).send({ ...form, consents }).expect(201);
        expect(retried.headers['idempotent-replayed']).toBe('true');
        await service.anonymous().post('/self-referrals').set('Idempotency-Key', key).send({ ...form, consents: consents.slice(1) }).expect(422);
        expect(await streamOf(patientId)).toHaveLength(2);
      });

      it('refuses a bad consent with 400 naming consents[i].field, and writes neither the referral nor any consent', async () => {
        const before = (await nonAccess()).length;
        const twoParties = [{ channel: 'sms', consented: true, source: 'verbal' }, { organisationId: 'RY1', channel: 'email', consented: true, source: 'verbal' }];
        const refused = await service.anonymous().post('/self-referrals').send(selfForm({ consents: twoParties })).expect(400);
        expect(JSON.stringify(refused.body)).toContain('consents[1].organisationId');
        const badSource = await service.anonymous().post('/self-referrals').send(selfForm({ consents: [{ channel: 'sms', consented: true, source: 'telepathy' }] })).expect(400);
        expect(JSON.stringify(badSource.body)).toContain('consents[0].source');
        expect((await nonAccess()).length).toBe(before);
      });
    });
  });
});
