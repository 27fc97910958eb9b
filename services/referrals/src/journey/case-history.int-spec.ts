import { users } from '@stepwell/access/testing';
import { type CaseHistoryPart, verifyReport } from '@stepwell/transparency';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { clockPast } from '@stepwell/testing';


/**
 * Issue 19 item 3, one service's part: `GET /audit/patients/{id}/events?asOf=` answers the person's events in stored
 * form with inclusion proofs against a signed head, which verify with nothing but the service's published heads and
 * keys; an earlier `asOf` shows the earlier record; strangers learn nothing; the read is audited.
 */
describe('GET /audit/patients/{patientId}/events (the case history, one service)', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('case_history');
  });
  afterAll(() => service.close());

  it('proves every event of the person against a signed head, as of now and as of an earlier instant, and nothing of another person', async () => {
    const referral = await service.http().post('/referrals').send(referralFor(4242)).expect(201);
    const other = await service.http().post('/referrals').send(referralFor(4243)).expect(201);
    const patientId = referral.body.patientSubjectId as string;
    const beforeTriage = new Date().toISOString();
    await clockPast(beforeTriage);
    await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);

    const auditor = await service.as(users.nationalAuditor);
    const now = (await auditor.get(`/audit/patients/${patientId}/events`).expect(200)).body as CaseHistoryPart;
    const types = now.report.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['PatientRegistered', 'ReferralReceived', 'ReferralAccepted', 'EpisodeOpened', 'PatientRecordAccessed']));
    expect(now.report.events.every((event) => (event.metadata as { patientSubjectId?: string }).patientSubjectId === patientId)).toBe(true);
    expect(JSON.stringify(now)).not.toContain(other.body.patientSubjectId as string);

    const heads = (await auditor.get('/audit/log/tree-heads?pageSize=100').expect(200)).body.items;
    const keys = (await auditor.get('/audit/log/keys').expect(200)).body.keys;
    const outcome = verifyReport({ report: now.report, heads, keys });
    expect(outcome).toMatchObject({ ok: true, firstBad: null, eventsChecked: now.report.events.length });

    // A byte changed in one event's stored body: the proof no longer leads to the signed root.
    const tampered = structuredClone(now.report);
    (tampered.events[0] as { data: unknown }).data = { ...(tampered.events[0]?.data as object), tampered: true };
    expect(verifyReport({ report: tampered, heads, keys }).ok).toBe(false);

    const earlier = (await auditor.get(`/audit/patients/${patientId}/events`).query({ asOf: beforeTriage }).expect(200)).body as CaseHistoryPart;
    expect(earlier.asOf).toBe(beforeTriage);
    expect(earlier.report.events.map((event) => event.type)).toContain('ReferralReceived');
    expect(earlier.report.events.map((event) => event.type)).not.toContain('ReferralAccepted');
    expect(verifyReport({ report: earlier.report, heads: [earlier.report.treeHead, ...heads], keys }).ok).toBe(true);
  });

  it('refuses an auditor of an unrelated organisation and a clinician (403, as the access log does), audits the auditor’s read, and refuses a malformed asOf', async () => {
    const referral = await service.http().post('/referrals').send(referralFor(4244)).expect(201);
    const patientId = referral.body.patientSubjectId as string;
    const stranger = await (await service.as(users.auditor)).get(`/audit/patients/${patientId}/events`).expect(403);
    expect(stranger.body.type).toMatch(/no-legitimate-relationship$/);
    await (await service.as(users.therapist)).get(`/audit/patients/${patientId}/events`).expect(403);
    const bad = await (await service.as(users.nationalAuditor)).get(`/audit/patients/${patientId}/events`).query({ asOf: 'yesterday' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('asOf');

    await (await service.as(users.nationalAuditor)).get(`/audit/patients/${patientId}/events`).expect(200);
    const reads = (await service.allEvents()).filter(
      (event) => event.streamId === `access-${patientId}` && (event.data as { resource?: string }).resource === 'case-history',
    );
    expect(reads).toHaveLength(1);
  });
});
