import { type TestUser, users } from '@stepwell/access/testing';
import { validateIntegrationEvent } from '@stepwell/contracts';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

const stranger: TestUser = { user: 'u-optout-stranger', org: 'RZZ98', orgType: 'talking-therapies', roles: ['clinician'] };

/** Issue 15 item 5: the national data opt-out recorded by an organisation in the person's care, and published. */
describe('PUT /patients/{id}/national-data-opt-out', () => {
  let service: ReferralsTestApp;
  let seed = 8600;
  beforeAll(async () => {
    service = await startReferralsTestApp('national_data_opt_out');
  });
  afterAll(() => service.close());

  async function referred(): Promise<string> {
    const response = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    return response.body.patientSubjectId as string;
  }
  const streamOf = async (patientId: string) => service.store.readStream(`opt-out-${patientId}`);

  it('records an opt-out once, publishes it with nothing but the person’s id and a yes/no, and records an opt-back-in', async () => {
    const patientId = await referred();
    const receiving = await service.as(users.therapist);
    expect((await receiving.get(`/patients/${patientId}/national-data-opt-out`).expect(200)).body).toEqual({ id: patientId, optedOut: false, source: null, changedAt: null });

    const out = await receiving.put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: true, source: 'national-data-opt-out-service' }).expect(200);
    expect(out.body).toMatchObject({ id: patientId, optedOut: true, source: 'national-data-opt-out-service' });
    expect(out.headers['etag']).toBe('"0"');
    // The same status again records nothing; the GP practice's referrer (the README's first token) may record it too.
    await (await service.as({ user: 'u-gp-referrer', org: users.gpClinician.org, orgType: 'gp-practice', roles: ['referrer'] })).put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: true, source: 'patient-told-us' }).expect(200);
    const events = await streamOf(patientId);
    expect(events.map((event) => event.type)).toEqual(['NationalDataOptOutChanged']);

    const published = mapReferralsEvent(events[0]!);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'referrals.national-data-opt-out-changed', version: 1, patientSubjectId: patientId, data: { optedOut: true, source: 'national-data-opt-out-service' } });
    expect(validateIntegrationEvent(published[0]!)).toEqual({ ok: true });
    expect(Object.keys(published[0]!.data as object).sort()).toEqual(['changedAt', 'optedOut', 'source']);

    await receiving.put(`/patients/${patientId}/national-data-opt-out`).set('If-Match', '"0"').send({ optedOut: false, source: 'patient-told-us' }).expect(200);
    expect((await streamOf(patientId)).map((event) => (event.data as { optedOut: boolean }).optedOut)).toEqual([true, false]);
  });

  it('refuses strangers (404), other roles (403), stale ETags (412) and bad input (400), writing nothing', async () => {
    const patientId = await referred();
    await (await service.as(stranger)).put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: true, source: 'patient-told-us' }).expect(404);
    await (await service.as(stranger)).get(`/patients/${patientId}/national-data-opt-out`).expect(404);
    await (await service.as(users.therapyPrivacyOfficer)).put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: true, source: 'patient-told-us' }).expect(403);
    const bad = await (await service.as(users.therapist)).put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: 'yes', source: 'gossip' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('optedOut');
    expect(JSON.stringify(bad.body)).toContain('source');
    await (await service.as(users.therapist)).put(`/patients/${patientId}/national-data-opt-out`).set('If-Match', '"7"').send({ optedOut: true, source: 'patient-told-us' }).expect(412);
    await service.anonymous().put(`/patients/${patientId}/national-data-opt-out`).send({ optedOut: true, source: 'patient-told-us' }).expect(401);
    expect(await streamOf(patientId)).toEqual([]);
  });
});
