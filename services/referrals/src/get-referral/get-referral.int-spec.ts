import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { startReferralsTestApp, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('GET /referrals/{id}', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('get_referral');
  });
  afterAll(() => service.close());

  it('shows a referral with its stream revision as ETag, before and after withdrawal', async () => {
    const created = await service.http().post('/referrals').send(validReferral).expect(201);
    const id = created.body.id as string;

    const received = await service.http().get(`/referrals/${id}`).expect(200);
    expect(received.headers['etag']).toBe('"1"');
    expect(received.body).toEqual(created.body);

    await service.http().post(`/referrals/${id}/withdraw`).set('If-Match', received.headers['etag']!).send({ reason: 'duplicate' }).expect(200);
    const withdrawn = await service.http().get(`/referrals/${id}`).expect(200);
    expect(withdrawn.headers['etag']).toBe('"2"');
    expect(withdrawn.body).toEqual({ ...created.body, status: 'Withdrawn', withdrawnAt: expect.any(String), withdrawalReason: 'duplicate' });
  });

  it('answers 404 with a problem document for a referral never received', async () => {
    const response = await service.http().get(`/referrals/${randomUUID()}`).expect(404).expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}referral-not-found`, status: 404 });
  });

  it('answers 401 without a token, and 404 (as for an unknown id) to an auditor organisation with no relationship', async () => {
    const created = await service.http().post('/referrals').send(validReferral).expect(201);
    const id = created.body.id as string;
    const anonymous = await service.anonymous().get(`/referrals/${id}`).expect(401).expect('content-type', /application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="stepwell"');
    const auditor = await service.as(users.auditor);
    const refused = await auditor.get(`/referrals/${id}`).expect(404);
    expect(refused.body).toMatchObject({ status: 404, type: `${PROBLEM_TYPE_BASE}referral-not-found` });
    expect(JSON.stringify(refused.body)).not.toContain(validReferral.reason);
  });

  it('answers 404 to a clinician whose organisation has no relationship (indistinguishable from an unknown id), audits the refusal and every read it allows', async () => {
    const created = await service.http().post('/referrals').send(validReferral).expect(201);
    const id = created.body.id as string;
    const stranger = await service.as(users.crisisClinician);
    const access = `access-${created.body.patientSubjectId as string}`;
    const beforeRefusal = (await service.store.readStream(access)).length;
    const refused = await stranger.get(`/referrals/${id}`).expect(404).expect('content-type', /application\/problem\+json/);
    const unknownId = randomUUID();
    const unknown = await stranger.get(`/referrals/${unknownId}`).expect(404);
    // Identical but for what names the request itself (the id asked for, the correlation id).
    const same = (body: Record<string, unknown>) => ({ ...body, instance: null, detail: null, correlationId: null });
    expect(same(refused.body)).toEqual(same(unknown.body));
    // No revision ETag precedes the decision (Express's weak body hash of the problem reveals nothing).
    expect(refused.headers['etag'] ?? '').not.toMatch(/^"\d+"$/);
    expect(JSON.stringify(refused.body)).not.toContain(validReferral.reason);
    const refusal = (await service.store.readStream(access)).slice(beforeRefusal);
    expect(refusal.map((e) => e.type)).toEqual(['AccessRefused']);
    expect(refusal[0]?.data).toMatchObject({ organisationId: 'RCR01', action: 'referral.read', outcome: 'not-found', why: 'no-relationship' });

    const before = (await service.store.readStream(access)).length;
    await (await service.as(users.therapist)).get(`/referrals/${id}`).expect(200);
    const audited = await service.store.readStream(access);
    expect(audited).toHaveLength(before + 1);
    expect(audited[audited.length - 1]).toMatchObject({ type: 'PatientRecordAccessed' });
  });

  it('refuses a role the route never serves on the person’s access trail: 403 to the receiving organisation, 404 (as for an unknown id) to a stranger', async () => {
    // GET /referrals/{id} has no @Roles: the policy (`referral.read`) turns the role away, so the refusal is audited
    // like any other; a route that also narrows its roles with @Roles records it too (the access library's RolesGuard).
    const created = await service.http().post('/referrals').send(validReferral).expect(201);
    const id = created.body.id as string;
    const access = `access-${created.body.patientSubjectId as string}`;
    const receivingOps = await service.as({ user: 'u-ops-rxt', org: created.body.receivingOrganisation as string, orgType: 'talking-therapies', roles: ['ops'] });
    const strangerOps = await service.as(users.commissioner);
    const before = (await service.store.readStream(access)).length;

    const related = await receivingOps.get(`/referrals/${id}`).expect(403);
    expect(related.body).toMatchObject({ code: 'ACTION_NOT_PERMITTED' });
    const stranger = await strangerOps.get(`/referrals/${id}`).expect(404);
    const unknown = await strangerOps.get(`/referrals/${randomUUID()}`).expect(404);
    const same = (body: Record<string, unknown>) => ({ ...body, instance: null, detail: null, correlationId: null });
    expect(same(stranger.body)).toEqual(same(unknown.body));
    for (const body of [related.body, stranger.body]) expect(JSON.stringify(body)).not.toContain(validReferral.reason);

    const refusals = (await service.store.readStream(access)).slice(before);
    expect(refusals.map((e) => [e.type, (e.data as { role: string; outcome: string }).role, (e.data as { outcome: string }).outcome])).toEqual([
      ['AccessRefused', 'ops', 'forbidden'],
      ['AccessRefused', 'ops', 'not-found'],
    ]);
  });

  it('shows a voluntary-sector referrer who, status and urgency of its referral, never the reason or the risk indicators', async () => {
    const voluntary = await service.as({ user: 'u-vs-9', org: 'VS0042', orgType: 'voluntary-sector', roles: ['referrer'] });
    const created = await voluntary.post('/referrals').send({ ...validReferral, source: 'voluntary-sector' }).expect(201);
    const response = await voluntary.get(`/referrals/${created.body.id as string}`).expect(200);
    expect(Object.keys(response.body).sort()).toEqual(
      // missingFields names fields only (issue 12 item 9): a voluntary-sector referrer completes its own referral.
      ['id', 'missingFields', 'patientSubjectId', 'receivedAt', 'receivingOrganisation', 'referrerOrganisation', 'source', 'status', 'urgency'].sort(),
    );
    expect(response.body.referrerOrganisation).toBe('VS0042');
    // The command response itself goes through the same field policy, and is an audited read.
    expect(created.body).toEqual(response.body);
    const access = await service.store.readStream(`access-${created.body.patientSubjectId as string}`);
    expect(access.filter((e) => (e.data as { organisationId: string }).organisationId === 'VS0042').map((e) => e.type)).toEqual([
      'PatientRecordAccessed',
      'PatientRecordAccessed',
    ]);
  });

  it('shows a referral to the clinician and the admin roles too', async () => {
    const created = await service.http().post('/referrals').send(validReferral).expect(201);
    const id = created.body.id as string;
    await (await service.as(users.therapist)).get(`/referrals/${id}`).expect(200);
    await (await service.as(users.admin)).get(`/referrals/${id}`).expect(200);
  });

  it('answers 400 to an id that is not a UUID', async () => {
    await service.http().get('/referrals/123').expect(400);
  });
});
