import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { DEFAULT_USER, startReferralsTestApp, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('POST /referrals/{id}/withdraw', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('withdraw_referral');
  });
  afterAll(() => service.close());

  async function receive(): Promise<string> {
    const response = await service.http().post('/referrals').send(validReferral).expect(201);
    return response.body.id as string;
  }

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.allEvents();
    await act();
    expect(await service.allEvents()).toEqual(before);
  }

  /** What `act` appended, by type: a refused or repeated command may add access events (audit) and nothing else. */
  async function appendedBy(act: () => Promise<unknown>): Promise<string[]> {
    const before = (await service.allEvents()).length;
    await act();
    return (await service.allEvents()).slice(before).map((event) => event.type);
  }

  it('withdraws a received referral when If-Match is current: 200, ETag "2" and one ReferralWithdrawn event', async () => {
    const id = await receive();
    const response = await service
      .http()
      .post(`/referrals/${id}/withdraw`)
      // Revision 1: received, and its acknowledgement requested (every referral is acknowledged).
      .set('If-Match', '"1"')
      .set('X-Correlation-Id', '00000000-0000-4000-8000-00000000a001')
      .send({ reason: 'patient-request' })
      .expect(200);
    expect(response.headers['etag']).toBe('"2"');
    expect(response.body).toMatchObject({ id, status: 'Withdrawn', withdrawalReason: 'patient-request', withdrawnAt: expect.any(String) });

    const stream = await service.store.readStream(`referral-${id}`);
    expect(stream.map((event) => event.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested', 'ReferralWithdrawn']);
    expect(stream[2]).toMatchObject({
      revision: 2,
      data: { referralId: id, reason: 'patient-request', withdrawnAt: response.body.withdrawnAt },
      metadata: { correlationId: '00000000-0000-4000-8000-00000000a001', actor: { userId: DEFAULT_USER.user, organisationId: DEFAULT_USER.org, role: 'referrer' } },
    });
  });

  it('answers 401 without a token, and 404 to an organisation with no relationship, writing only the audited refusal', async () => {
    const id = await receive();
    const linkWorker = await service.as(users.linkWorker);
    await expectNothingWritten(async () => {
      const anonymous = await service.anonymous().post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
    });
    const written = await appendedBy(async () => {
      const refused = await linkWorker.post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(404);
      expect(refused.body).toMatchObject({ status: 404, type: `${PROBLEM_TYPE_BASE}referral-not-found` });
    });
    expect(written).toEqual(['AccessRefused']);
  });

  it('withdraw without relationship: a clinician of another organisation cannot withdraw someone else’s referral (404, nothing written but the refusal)', async () => {
    const id = await receive();
    const crisis = await service.as(users.crisisClinician);
    const written = await appendedBy(() => crisis.post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(404));
    expect(written).toEqual(['AccessRefused']);
    expect((await service.store.readStream(`referral-${id}`)).map((event) => event.type)).not.toContain('ReferralWithdrawn');
  });

  it('lets the receiving organisation withdraw only before triage; the response is an audited read', async () => {
    const id = await receive();
    const therapist = await service.as(users.therapist);
    const written = await appendedBy(() => therapist.post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(200));
    expect(written).toEqual(['ReferralWithdrawn', 'PatientRecordAccessed']);
  });

  it('withdraws without If-Match (an unconditional write)', async () => {
    const id = await receive();
    await service.http().post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(200);
    expect((await service.store.readStream(`referral-${id}`)).map((event) => event.type)).toEqual([
      'ReferralReceived',
      'ReferralAcknowledgementRequested',
      'ReferralWithdrawn',
    ]);
  });

  it('answers 200 with no new event when the referral is already withdrawn', async () => {
    const id = await receive();
    await service.http().post(`/referrals/${id}/withdraw`).send({ reason: 'patient-request' }).expect(200);
    const written = await appendedBy(async () => {
      const again = await service.http().post(`/referrals/${id}/withdraw`).set('If-Match', '"2"').send({ reason: 'duplicate' }).expect(200);
      expect(again.headers['etag']).toBe('"2"');
      expect(again.body).toMatchObject({ status: 'Withdrawn', withdrawalReason: 'patient-request' });
    });
    // The repeat records nothing new; its response is still an audited read.
    expect(written).toEqual(['PatientRecordAccessed']);
  });

  it('answers 412 to a stale If-Match, and writes nothing', async () => {
    const id = await receive();
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post(`/referrals/${id}/withdraw`)
        .set('If-Match', '"3"')
        .send({ reason: 'patient-request' })
        .expect(412)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}precondition-failed`, status: 412 });
    });
  });

  it.each(['W/"0"', '"00"', '*'])('answers 400 naming If-Match to %s, which is not one of our ETags ("00" once matched "0"), and writes nothing', async (ifMatch) => {
    const id = await receive();
    await expectNothingWritten(async () => {
      const response = await service.http().post(`/referrals/${id}/withdraw`).set('If-Match', ifMatch).send({ reason: 'patient-request' }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'If-Match', messages: [expect.stringContaining('quoted revision')] }]);
    });
  });

  it('answers 404 for a referral never received, with or without If-Match, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post(`/referrals/${randomUUID()}/withdraw`)
        .send({ reason: 'patient-request' })
        .expect(404)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}referral-not-found`, status: 404 });
      await service.http().post(`/referrals/${randomUUID()}/withdraw`).set('If-Match', '"0"').send({ reason: 'duplicate' }).expect(404);
    });
  });

  it.each([
    ['an unknown reason', { reason: 'bored' }, ['reason']],
    ['a missing reason', {}, ['reason']],
    ['a property the API does not know', { reason: 'duplicate', note: 'x' }, ['note']],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, body, fields) => {
    const id = await receive();
    await expectNothingWritten(async () => {
      const response = await service.http().post(`/referrals/${id}/withdraw`).send(body).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    });
  });

  it('answers 400 to an id that is not a UUID, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/referrals/not-a-uuid/withdraw').send({ reason: 'duplicate' }).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['id']);
    });
  });
});
