import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import {
  DEFAULT_USER,
  noRisk,
  referralFor,
  startReferralsTestApp,
  validPatient,
  validReferral,
  type ReferralsTestApp,
} from '../testing/referrals-test-app';

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

  it('receives a referral: 201 with its Location, ETag, referral id and patient subject id; the referral event names the person by subject id only', async () => {
    const response = await service
      .http()
      .post('/referrals')
      .set('X-Correlation-Id', '00000000-0000-4000-8000-00000000e001')
      .send(validReferral)
      .expect(201);
    const id = response.body.id as string;
    const patientSubjectId = response.body.patientSubjectId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(patientSubjectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['location']).toBe(`/referrals/${id}`);
    // Revision 1: ReferralReceived and its acknowledgement request (every referral is acknowledged).
    expect(response.headers['etag']).toBe('"1"');
    const { patient: _patient, ...form } = validReferral;
    expect(response.body).toEqual({
      id,
      status: 'Received',
      patientSubjectId,
      ...form,
      // Only a referral made from a consultation's answer names one (hazard H-CB1).
      consultationId: null,
      mdtCaseId: null,
      referrerOrganisation: DEFAULT_USER.org,
      riskIndicators: { ...noRisk, notes: null },
      urgentTriageReasons: [],
      missingFields: [],
      possibleDuplicateOf: [],
      possibleDuplicatePatient: null,
      receivedAt: expect.any(String),
      // A referral sent by an organisation needs no identity verification (only a self-referral does: H-A1).
      identityVerification: { status: 'not-needed', method: null, verifiedAt: null },
    });

    const [written, ...more] = await service.store.readStream(`referral-${id}`);
    expect(more.map((event) => event.type)).toEqual(['ReferralAcknowledgementRequested']);
    expect(written).toMatchObject({
      revision: 0,
      type: 'ReferralReceived',
      data: { referralId: id, patientSubjectId, source: 'gp', receivingOrganisation: 'RXT01', receivedAt: response.body.receivedAt },
      metadata: { correlationId: '00000000-0000-4000-8000-00000000e001', causationId: null, schemaVersion: 1, patientSubjectId },
    });
    // The verified principal, in the role this route used (the GP clinician refers as a referrer).
    expect(written!.metadata.actor).toEqual({ userId: DEFAULT_USER.user, organisationId: DEFAULT_USER.org, role: 'referrer' });
    // Demographics stay in the patient's own stream, never in the referral's.
    expect(JSON.stringify(written)).not.toContain(validPatient.nhsNumber);
    expect(JSON.stringify(written)).not.toContain(validPatient.familyName);
    const [registered] = await service.store.readStream(`patient-${patientSubjectId}`);
    expect(registered).toMatchObject({ type: 'PatientRegistered', data: { nhsNumber: validPatient.nhsNumber, familyName: 'Example' } });
  });

  it('finds the same person again by NHS number, and by name, date of birth and postcode when there is none', async () => {
    const first = await service.http().post('/referrals').send(referralFor(101)).expect(201);
    const again = await service.http().post('/referrals').send(referralFor(101, { receivingOrganisation: 'RCR01' })).expect(201);
    expect(again.body.patientSubjectId).toBe(first.body.patientSubjectId);

    const noNumber = { ...validPatient, nhsNumber: undefined, givenName: 'Zoë', familyName: 'Nonumber' };
    const a = await service.http().post('/referrals').send({ ...validReferral, patient: noNumber }).expect(201);
    const b = await service.http().post('/referrals').send({ ...validReferral, patient: { ...noNumber, givenName: 'zoe', postcode: 'ls14ap' } }).expect(201);
    expect(b.body.patientSubjectId).toBe(a.body.patientSubjectId);
    const other = await service.http().post('/referrals').send({ ...validReferral, patient: { ...noNumber, dateOfBirth: '1991-04-01' } }).expect(201);
    expect(other.body.patientSubjectId).not.toBe(a.body.patientSubjectId);
  });

  it('marks a new referral for a person with an open referral at the same organisation as a possible duplicate of it', async () => {
    const first = await service.http().post('/referrals').send(referralFor(202)).expect(201);
    const second = await service.http().post('/referrals').send(referralFor(202)).expect(201);
    // The marker is the receiving organisation's triage information: the referrer's answer never carries it.
    expect(second.body.possibleDuplicateOf).toEqual([]);
    const asReceiving = await (await service.as(users.therapist)).get(`/referrals/${second.body.id}`).expect(200);
    expect(asReceiving.body.possibleDuplicateOf).toEqual([first.body.id]);
    const elsewhere = await service.http().post('/referrals').send(referralFor(202, { receivingOrganisation: 'RCR01' })).expect(201);
    expect(elsewhere.body.possibleDuplicateOf).toEqual([]);
  });

  it.each([
    ['crisis urgency', { urgency: 'crisis' }, ['crisis-urgency']],
    ['suicidal thoughts flagged', { riskIndicators: { ...noRisk, suicidalThoughts: true, harmToOthers: true, notes: 'Plan disclosed' } }, ['suicidal-thoughts', 'harm-to-others']],
  ])('raises an urgent triage at once for %s', async (_, overrides, reasons) => {
    const response = await service.http().post('/referrals').send(referralFor(303, overrides)).expect(201);
    expect(response.headers['etag']).toBe('"2"');
    expect(response.body.urgentTriageReasons).toEqual(reasons);
    const events = await service.store.readStream(`referral-${response.body.id as string}`);
    expect(events.map((e) => e.type)).toEqual(['ReferralReceived', 'UrgentTriageNeeded', 'ReferralAcknowledgementRequested']);
    expect(events[1]).toMatchObject({ data: { reasons, raisedAt: response.body.receivedAt }, metadata: { patientSubjectId: response.body.patientSubjectId } });
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
    // Nothing but the audited read of the replayed response (a command response is a read too).
    const added = (await service.allEvents()).slice(eventsAfterFirst.length);
    expect(added.map((e) => e.type)).toEqual(['PatientRecordAccessed']);
  });

  it('creates one referral when two requests with the same Idempotency-Key race', async () => {
    const send = () => service.http().post('/referrals').set('Idempotency-Key', 'race-key-1').send(referralFor(404));
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    const received = (await service.allEvents()).filter((e) => e.type === 'ReferralReceived' && e.metadata.patientSubjectId === a.body.patientSubjectId);
    expect(received).toHaveLength(1);
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
    ['a missing field', { ...validReferral, receivingOrganisation: undefined }, ['receivingOrganisation']],
    ['an NHS number failing the Modulus 11 check', { ...validReferral, patient: { ...validPatient, nhsNumber: '9434765918' } }, ['patient.nhsNumber']],
    ['an NHS number that is not 10 digits', { ...validReferral, patient: { ...validPatient, nhsNumber: '943476591' } }, ['patient.nhsNumber']],
    ['a date of birth in the future', { ...validReferral, patient: { ...validPatient, dateOfBirth: '2999-01-01' } }, ['patient.dateOfBirth']],
    ['a date of birth that is not a date', { ...validReferral, patient: { ...validPatient, dateOfBirth: '1990-02-30' } }, ['patient.dateOfBirth']],
    ['neither phone nor email', { ...validReferral, patient: { ...validPatient, phone: undefined } }, ['patient.phone']],
    ['missing consent to share', { ...validReferral, consentToShare: false }, ['consentToShare']],
    ['no patient', { ...validReferral, patient: undefined }, ['patient']],
    ['an unknown property of the patient', { ...validReferral, patient: { ...validPatient, religion: 'x' } }, ['patient.religion']],
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
