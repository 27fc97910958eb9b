import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access';
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

  it('withdraws a received referral when If-Match is current: 200, ETag "1" and one ReferralWithdrawn event', async () => {
    const id = await receive();
    const response = await service
      .http()
      .post(`/referrals/${id}/withdraw`)
      .set('If-Match', '"0"')
      .set('X-Correlation-Id', '00000000-0000-4000-8000-00000000a001')
      .send({ reason: 'patient-request' })
      .expect(200);
    expect(response.headers['etag']).toBe('"1"');
    expect(response.body).toMatchObject({ id, status: 'Withdrawn', withdrawalReason: 'patient-request', withdrawnAt: expect.any(String) });

    const stream = await service.store.readStream(`referral-${id}`);
    expect(stream.map((event) => event.type)).toEqual(['ReferralReceived', 'ReferralWithdrawn']);
    expect(stream[1]).toMatchObject({
      revision: 1,
      data: { referralId: id, reason: 'patient-request', withdrawnAt: response.body.withdrawnAt },
      metadata: { correlationId: '00000000-0000-4000-8000-00000000a001', actor: { userId: DEFAULT_USER.user, organisationId: DEFAULT_USER.org, role: 'referrer' } },
    });
  });

  it('answers 401 without a token and 403 to a role that may not withdraw, and writes nothing', async () => {
    const id = await receive();
    const linkWorker = await service.as(users.linkWorker);
    await expectNothingWritten(async () => {
      const anonymous = await service.anonymous().post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
      const forbidden = await linkWorker.post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(403);
      expect(forbidden.body).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
    });
  });

  it('withdraws without If-Match (an unconditional write)', async () => {
    const id = await receive();
    await service.http().post(`/referrals/${id}/withdraw`).send({ reason: 'duplicate' }).expect(200);
    expect((await service.store.readStream(`referral-${id}`)).map((event) => event.type)).toEqual([
      'ReferralReceived',
      'ReferralWithdrawn',
    ]);
  });

  it('answers 200 with no new event when the referral is already withdrawn', async () => {
    const id = await receive();
    await service.http().post(`/referrals/${id}/withdraw`).send({ reason: 'patient-request' }).expect(200);
    await expectNothingWritten(async () => {
      const again = await service.http().post(`/referrals/${id}/withdraw`).set('If-Match', '"1"').send({ reason: 'duplicate' }).expect(200);
      expect(again.headers['etag']).toBe('"1"');
      expect(again.body).toMatchObject({ status: 'Withdrawn', withdrawalReason: 'patient-request' });
    });
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
