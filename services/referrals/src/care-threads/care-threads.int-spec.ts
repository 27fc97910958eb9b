import { users, type TestUser } from '@stepwell/access/testing';
import { validateIntegrationEvent } from '@stepwell/contracts';
import { ProjectionRunner } from '@stepwell/read-models';
import { noRisk, referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { CareThreadOverdueCheck } from './care-thread-overdue.check';

const DAY = 86_400_000;
const cmht: TestUser = { user: 'u-cmht-1', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
const otherPractice: TestUser = { user: 'u-gp-b', org: 'B82005', orgType: 'gp-practice', roles: ['clinician', 'referrer'] };

describe('gap watch: care-seeking threads over HTTP (issue 18, real PostgreSQL)', () => {
  let service: ReferralsTestApp;
  let check: CareThreadOverdueCheck;
  // Spaced by 10: nhsNumberFor(n) may skip to n + 1 to find a valid check digit, and two people must never share one.
  let seed = 18_000;
  beforeAll(async () => {
    service = await startReferralsTestApp('care_threads', { CARE_THREAD_CHECK_EVERY_SECONDS: '0' });
    check = service.app.get(CareThreadOverdueCheck);
  });
  afterAll(() => service.close());

  const settled = () => service.app.get(ProjectionRunner).settled();

  /** The GP refers a person (the same person again with `same`) and `who` triages it with `decision`. */
  async function referAndTriage(person: number, receiving: TestUser, decision: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
    const referral = await service.http().post('/referrals').send(referralFor(person, { receivingOrganisation: receiving.org, ...overrides })).expect(201);
    await (await service.as(receiving)).post(`/referrals/${referral.body.id as string}/triage`).send(decision).expect(200);
    await settled();
    return { referralId: referral.body.id as string, patientSubjectId: referral.body.patientSubjectId as string };
  }

  async function threadOf(patientSubjectId: string, status = 'open') {
    const list = await service.http().get('/care-threads').query({ organisation: users.gpClinician.org, status, pageSize: 200 }).expect(200);
    return (list.body.items as Array<Record<string, unknown>>).find((t) => t['patientSubjectId'] === patientSubjectId);
  }

  const nonAccessEvents = async () => (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));

  it('declined by Talking Therapies, then accepted by the CMHT: the thread opens with the decision and resolves with the time measured', async () => {
    const person = (seed += 10);
    const { patientSubjectId } = await referAndTriage(person, users.therapist, { outcome: 'decline', reason: 'primary-need-not-in-scope', text: 'Needs longer-term psychological work' });
    const open = await threadOf(patientSubjectId);
    expect(open).toMatchObject({
      status: 'open',
      referringOrganisationId: 'A81001',
      overdue: false,
      task: null,
      decisions: [
        {
          outcome: 'decline', organisationId: 'RXT01', organisationName: 'Example NHS Talking Therapies', decidedBy: { organisationId: 'RXT01', role: 'clinician' },
          declineReason: 'primary-need-not-in-scope', why: 'Needs longer-term psychological work', advice: null,
        },
      ],
    });

    await referAndTriage(person, cmht, { outcome: 'accept', step: 'secondary-care', providingOrganisation: 'RY1' });
    expect(await threadOf(patientSubjectId)).toBeUndefined();
    const resolved = await threadOf(patientSubjectId, 'resolved');
    expect(resolved).toMatchObject({ id: open!['id'], resolution: { how: 'care-accepted', source: 'referral-accepted', acceptingOrganisationId: 'RY1' }, resolvedAt: expect.any(String) });
    const stream = await service.store.readStream(`carethread-${patientSubjectId}`);
    expect(stream.map((e) => e.type)).toEqual(['CareThreadOpened', 'CareThreadRefusalRecorded', 'CareThreadResolved']);
    // Published with ids and codes only: every message validates against its v1 contract and carries no text.
    const messages = stream.flatMap((e) => mapReferralsEvent(e));
    expect(messages.map((m) => m.type)).toEqual(['referrals.care-thread-opened', 'referrals.care-thread-resolved']);
    for (const message of messages) expect(validateIntegrationEvent(message)).toEqual({ ok: true });
    expect(JSON.stringify(messages)).not.toContain('psychological');
  });

  it('returned with advice, then closed by the GP as managed in primary care (If-Match, Idempotency-Key); refusals write nothing', async () => {
    const { patientSubjectId } = await referAndTriage((seed += 10), users.therapist, { outcome: 'return-with-advice', advice: 'Try guided self-help first' });
    const thread = await threadOf(patientSubjectId);
    expect(thread).toMatchObject({ decisions: [{ outcome: 'return-with-advice', advice: 'Try guided self-help first' }] });
    const id = thread!['id'] as string;
    const read = await service.http().get(`/care-threads/${id}`).expect(200);
    const etag = read.headers['etag']!;

    const before = await nonAccessEvents();
    await service.http().post(`/care-threads/${id}/close`).set('If-Match', '"99"').send({ reason: 'managed-in-primary-care' }).expect(412);
    const bad = await service.http().post(`/care-threads/${id}/close`).send({ reason: 'fed-up' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    // A stranger practice and the service that refused are told nothing about the thread.
    await (await service.as(otherPractice)).get(`/care-threads/${id}`).expect(404);
    await (await service.as(otherPractice)).post(`/care-threads/${id}/close`).send({ reason: 'moved-away' }).expect(404);
    await (await service.as(users.therapist)).get(`/care-threads/${id}`).expect(404);
    await (await service.as(otherPractice)).get('/care-threads').query({ organisation: 'A81001' }).expect(403);
    expect((await (await service.as(otherPractice)).get('/care-threads').query({ organisation: 'B82005' }).expect(200)).body).toMatchObject({ items: [], total: 0 });
    await service.http().get('/care-threads/not-a-uuid').expect(400);
    expect(await nonAccessEvents()).toEqual(before);

    const closed = await service.http().post(`/care-threads/${id}/close`).set('If-Match', etag).set('Idempotency-Key', `close-${id}`).send({ reason: 'managed-in-primary-care' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'resolved', resolution: { how: 'closed-by-referrer', closeReason: 'managed-in-primary-care', closedBy: { organisationId: 'A81001', role: 'referrer' } } });
    const replay = await service.http().post(`/care-threads/${id}/close`).set('Idempotency-Key', `close-${id}`).send({ reason: 'managed-in-primary-care' }).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await service.http().post(`/care-threads/${id}/close`).send({ reason: 'moved-away' }).expect(409);
    const types = (await service.store.readStream(`carethread-${patientSubjectId}`)).map((e) => e.type);
    expect(types.filter((t) => t === 'CareThreadResolved')).toHaveLength(1);
    // The read is audited: an access event for the person.
    expect((await service.allEvents()).some((e) => e.streamId.startsWith('access-') && e.metadata.patientSubjectId === patientSubjectId)).toBe(true);
  });

  it('referred on and never accepted: overdue at 14 days, at 2 with risk indicators, with a task on the practice’s view', async () => {
    const referOn = { outcome: 'refer-on', destination: 'secondary-care', destinationOrganisation: 'RY1' };
    const plain = await referAndTriage((seed += 10), users.therapist, referOn);
    const risky = await referAndTriage((seed += 10), users.therapist, referOn, { riskIndicators: { ...noRisk, selfHarm: true } });
    const openedAt = Date.parse((await threadOf(risky.patientSubjectId))!['openedAt'] as string);
    const plainOpenedAt = Date.parse((await threadOf(plain.patientSubjectId))!['openedAt'] as string);

    await check.runOnce(new Date(openedAt + 1.5 * DAY));
    await settled();
    expect(await threadOf(risky.patientSubjectId)).toMatchObject({ overdue: false, riskIndicated: true });

    await check.runOnce(new Date(openedAt + 2 * DAY + 60_000));
    await settled();
    const overdue = await threadOf(risky.patientSubjectId);
    expect(overdue).toMatchObject({
      overdue: true,
      task: { kind: 'no-acceptance-yet', dueAt: new Date(openedAt + 2 * DAY).toISOString(), text: expect.stringMatching(/^Referred on by Example NHS Talking Therapies on \d{4}-\d{2}-\d{2} \(to Example Community Mental Health Team\), no acceptance yet$/) },
    });
    expect(await threadOf(plain.patientSubjectId)).toMatchObject({ overdue: false });

    await check.runOnce(new Date(plainOpenedAt + 14 * DAY + 60_000));
    await check.runOnce(new Date(plainOpenedAt + 15 * DAY));
    await settled();
    expect(await threadOf(plain.patientSubjectId)).toMatchObject({ overdue: true, task: { dueAt: new Date(plainOpenedAt + 14 * DAY).toISOString() } });
    const overdueEvents = (await service.store.readStream(`carethread-${plain.patientSubjectId}`)).filter((e) => e.type === 'CareThreadOverdue');
    expect(overdueEvents).toHaveLength(1);
    expect(validateIntegrationEvent(mapReferralsEvent(overdueEvents[0]!)[0]!)).toEqual({ ok: true });

    const listed = await service.http().get('/care-threads').query({ organisation: 'A81001', overdue: 'true', pageSize: 200 }).expect(200);
    const ids = (listed.body.items as Array<{ patientSubjectId: string }>).map((t) => t.patientSubjectId);
    expect(ids).toEqual(expect.arrayContaining([plain.patientSubjectId, risky.patientSubjectId]));
  });

  it('refused by Talking Therapies and by the CMHT: flagged and published as care-thread-flagged v1', async () => {
    const person = (seed += 10);
    const { patientSubjectId } = await referAndTriage(person, users.therapist, { outcome: 'decline', reason: 'primary-need-not-in-scope', text: 'Too complex for step 3' });
    await referAndTriage(person, cmht, { outcome: 'return-with-advice', advice: 'Below our threshold' });
    const thread = await threadOf(patientSubjectId);
    expect(thread).toMatchObject({ flaggedAt: expect.any(String), decisions: [{ organisationId: 'RXT01' }, { organisationId: 'RY1', advice: 'Below our threshold' }] });
    const flagged = (await service.store.readStream(`carethread-${patientSubjectId}`)).find((e) => e.type === 'CareThreadFlagged')!;
    const [message] = mapReferralsEvent(flagged);
    expect(message).toMatchObject({ type: 'referrals.care-thread-flagged', patientSubjectId, data: { referringOrganisationId: 'A81001', refusingOrganisationIds: ['RXT01', 'RY1'], refusalCount: 2 } });
    expect(validateIntegrationEvent(message!)).toEqual({ ok: true });
  });

  it('gives the commissioner aggregates only, small numbers suppressed and no person named; refuses everyone else', async () => {
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const to = new Date(Date.now() + 30 * DAY).toISOString();
    const commissioner = await service.as(users.commissioner);
    const metrics = await commissioner.get('/metrics/gaps').query({ from, to, groupBy: 'service' }).expect(200);
    // The tests above refused 5 people (6 referrals; 5 by Talking Therapies, 1 by the CMHT): 5 is shown, under 5 is not,
    // and neither is Talking Therapies' 5 referrals, which the total of 6 would turn into the CMHT's 1 (H-GW9).
    expect(metrics.body.total).toMatchObject({ referralsRefused: 6, peopleRefused: 5, refusedByTalkingTherapiesAndSecondaryCare: null, bounces: null, medianDaysFirstReferralToCare: null });
    const byService = new Map((metrics.body.groups as Array<{ organisationId: string }>).map((g) => [g.organisationId, g]));
    expect(byService.get('RXT01')).toMatchObject({ referralsRefused: null, peopleRefused: 5, declineReasons: { 'primary-need-not-in-scope': null } });
    expect(byService.get('RY1')).toMatchObject({ referralsRefused: null, peopleRefused: null, bounces: null });
    expect(metrics.body.suppression).toEqual({ threshold: 5, rule: expect.any(String) });
    const text = JSON.stringify(metrics.body);
    for (const event of await service.allEvents()) if (event.metadata.patientSubjectId) expect(text).not.toContain(event.metadata.patientSubjectId);
    expect(text).not.toMatch(/"threadId"|"referralId"|patientSubjectId/);

    await service.http().get('/metrics/gaps').query({ from, to }).expect(403);
    await (await service.as(users.therapist)).get('/metrics/gaps').query({ from, to }).expect(403);
    await commissioner.get('/metrics/gaps').query({ from: 'yesterday', to }).expect(400);
    await commissioner.get('/metrics/gaps').query({ from: to, to: from }).expect(400);
  });

  it('holds a refused self-referral’s thread at the person’s registered GP practice', async () => {
    // A person of their own (the other tests' people share name, date of birth and postcode).
    const base = referralFor((seed += 10));
    const form = { ...base, source: undefined, patient: { ...base.patient, givenName: 'Selma', familyName: 'Selfreferrer' } };
    const referral = await service.anonymous().post('/self-referrals').send(form).expect(201);
    await (await service.as(users.therapist)).post(`/referrals/${referral.body.id as string}/triage`).send({ outcome: 'signpost', directoryServiceId: (await service.listDirectoryService()).serviceId, service: 'Leeds Mind peer support' }).expect(200);
    await settled();
    // The anonymous answer names no subject id: the person is read from the referral's own stream.
    const [received] = await service.store.readStream(`referral-${referral.body.id as string}`, { maxCount: 1 });
    expect(await threadOf(received!.metadata.patientSubjectId!)).toMatchObject({
      referringOrganisationId: 'A81001',
      decisions: [{ outcome: 'signpost', signpostedService: 'Leeds Mind peer support', organisationId: 'RXT01' }],
    });
  });
});
