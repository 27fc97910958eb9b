import { users } from '@stepwell/access';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { DEFAULT_USER, startReferralsTestApp, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('POST /referrals', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('receive_referral');
  });
  afterAll(() => service.close());

  /** Runs `act` and asserts that the store holds exactly the same events afterwards. */
  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.allEvents();
    await act();
    expect(await service.allEvents()).toEqual(before);
  }

  it('receives a referral: 201 with its Location, ETag and body, and one ReferralReceived event by the token’s principal', async () => {
    const before = (await service.allEvents()).length;
    const response = await service
      .http()
      .post('/referrals')
      .set('X-Correlation-Id', 'corr-receive-1')
      .send(validReferral)
      .expect(201);
    const id = response.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['location']).toBe(`/referrals/${id}`);
    expect(response.headers['etag']).toBe('"0"');
    expect(response.body).toEqual({ id, status: 'Received', ...validReferral, receivedAt: expect.any(String) });

    const events = await service.allEvents();
    expect(events).toHaveLength(before + 1);
    const written = events[events.length - 1]!;
    expect(written).toMatchObject({
      streamId: `referral-${id}`,
      revision: 0,
      type: 'ReferralReceived',
      data: { referralId: id, ...validReferral, receivedAt: response.body.receivedAt },
      metadata: { correlationId: 'corr-receive-1', causationId: null, schemaVersion: 1 },
    });
    // The verified principal, in the role this route used (the GP clinician refers as a referrer).
    expect(written.metadata.actor).toEqual({ userId: DEFAULT_USER.user, organisationId: DEFAULT_USER.org, role: 'referrer' });
  });

  it('records an admin as that admin, in the admin role', async () => {
    const admin = await service.as(users.admin);
    const response = await admin.post('/referrals').send(validReferral).expect(201);
    const [received] = await service.store.readStream(`referral-${response.body.id as string}`);
    expect(received?.metadata.actor).toEqual({ userId: users.admin.user, organisationId: users.admin.org, role: 'admin' });
  });

  it('answers a request without a token with a 401 problem document and a Bearer challenge, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service
        .anonymous()
        .post('/referrals')
        .send(validReferral)
        .expect(401)
        .expect('content-type', /application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}unauthenticated`, status: 401, code: 'UNAUTHENTICATED' });
    });
  });

  it('answers a request with an expired token with 401 saying why, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service
        .anonymous()
        .post('/referrals')
        .set('Authorization', `Bearer ${await service.issuer.expiredToken(DEFAULT_USER)}`)
        .send(validReferral)
        .expect(401)
        .expect('content-type', /application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="stepwell", error="invalid_token", error_description="expired"',
      );
    });
  });

  it.each([
    ['a voluntary-sector link worker', users.linkWorker],
    ['an auditor', users.auditor],
  ])('answers 403 to %s, whose role may not refer, and writes nothing', async (_, who) => {
    const caller = await service.as(who);
    await expectNothingWritten(async () => {
      const response = await caller
        .post('/referrals')
        .set('Idempotency-Key', `wrong-role-${who.user}`)
        .send(validReferral)
        .expect(403)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}forbidden-role`, status: 403, code: 'FORBIDDEN_ROLE' });
    });
  });

  it('keeps one organisation’s Idempotency-Key apart from another’s', async () => {
    const gp = await service.http().post('/referrals').set('Idempotency-Key', 'shared-key-1').send(validReferral).expect(201);
    const therapist = await service.as({ ...users.therapist, roles: ['clinician'] });
    const other = await therapist.post('/referrals').set('Idempotency-Key', 'shared-key-1').send(validReferral).expect(201);
    expect(other.body.id).not.toBe(gp.body.id);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });

  it('returns the first result for a retry with the same Idempotency-Key and writes nothing more', async () => {
    const first = await service.http().post('/referrals').set('Idempotency-Key', 'retry-key-1').send(validReferral).expect(201);
    const eventsAfterFirst = await service.allEvents();
    const retry = await service.http().post('/referrals').set('Idempotency-Key', 'retry-key-1').send(validReferral).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['location']).toBe(first.headers['location']);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await service.allEvents()).toEqual(eventsAfterFirst);
  });

  it('creates one referral when two requests with the same Idempotency-Key race', async () => {
    const before = (await service.allEvents()).length;
    const send = () => service.http().post('/referrals').set('Idempotency-Key', 'race-key-1').send(validReferral);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(await service.allEvents()).toHaveLength(before + 1);
  });

  it('answers 422 to an Idempotency-Key reused with other details, and writes nothing', async () => {
    await service.http().post('/referrals').set('Idempotency-Key', 'reused-key-1').send(validReferral).expect(201);
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post('/referrals')
        .set('Idempotency-Key', 'reused-key-1')
        .send({ ...validReferral, urgency: 'urgent' })
        .expect(422)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}idempotency-key-reused`, status: 422 });
    });
  });

  it.each([
    ['an unknown urgency', { ...validReferral, urgency: 'asap' }, ['urgency']],
    ['an unknown source', { ...validReferral, source: 'neighbour' }, ['source']],
    ['a property the API does not know', { ...validReferral, nhsNumber: '9434765919' }, ['nhsNumber']],
    ['a missing field', { source: 'gp', urgency: 'routine', reason: 'x' }, ['receivingOrganisation']],
    ['a malformed ODS code', { ...validReferral, receivingOrganisation: 'rx 4' }, ['receivingOrganisation']],
    ['an empty reason', { ...validReferral, reason: '' }, ['reason']],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, body, fields) => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/referrals').send(body).expect(400).expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}validation-failed`, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    });
  });

  it('answers 400 to a malformed JSON body, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      await service
        .http()
        .post('/referrals')
        .set('content-type', 'application/json')
        .send('{"source": "gp",')
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
    });
  });

  it('answers 400 to an Idempotency-Key that is not a plain token, and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/referrals').set('Idempotency-Key', 'has spaces').send(validReferral).expect(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', messages: [expect.any(String)] }]);
    });
  });
});
