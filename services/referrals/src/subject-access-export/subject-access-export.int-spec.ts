import { randomUUID } from 'node:crypto';
import { type TestUser, users } from '@stepwell/access/testing';
import { Pool } from 'pg';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { subjectAccessExportStreamId } from '../domain/subject-access-export/subject-access-export.decider';
import { SubjectAccessExports } from './subject-access-export.handler';

const strangerOfficer: TestUser = { user: 'u-privacy-far', org: 'RFAR1', orgType: 'talking-therapies', roles: ['privacy-officer'] };

/**
 * Issue 15 item 4 (UK GDPR Art. 15): the subject access endpoint every service mounts, and the export referrals hosts,
 * checked with planted markers — the person's own appear, another person's never. The other services are configured
 * at an address nothing listens on, so the export must say which ones failed and refuse to release.
 */
describe('subject access: GET /patients/{id}/subject-access and the export', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('subject-access', { SUBJECT_ACCESS_SOURCES: 'scheduling=http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await service?.close();
  });

  async function refer(marker: string, seed: number): Promise<string> {
    const created = await service.http().post('/referrals').send(referralFor(seed, { reason: `Low mood ${marker}` })).expect(201);
    return created.body.patientSubjectId as string;
  }

  it('gives the privacy officer of the receiving organisation every fact of the person, and nothing of another; strangers 404, other roles 403', async () => {
    const mine = `sar-mine-${randomUUID().slice(0, 8)}`;
    const theirs = `sar-theirs-${randomUUID().slice(0, 8)}`;
    const patient = await refer(mine, 8100 + Math.floor(Math.random() * 800));
    await refer(theirs, 9000 + Math.floor(Math.random() * 800));

    const officer = await service.as(users.therapyPrivacyOfficer);
    const holdings = await officer.get(`/patients/${patient}/subject-access`).expect(200);
    const text = JSON.stringify(holdings.body);
    expect(text).toContain(mine);
    expect(text).not.toContain(theirs);
    expect(holdings.body.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PatientRegistered', 'ReferralReceived']));
    expect(holdings.body.entries.find((e: { type: string }) => e.type === 'ReferralReceived').summary).toContain(mine);

    await (await service.as(strangerOfficer)).get(`/patients/${patient}/subject-access`).expect(404);
    await (await service.as(users.therapist)).get(`/patients/${patient}/subject-access`).expect(403);

    // The read is audited, and shows in the next answer's access log.
    const again = await officer.get(`/patients/${patient}/subject-access`).expect(200);
    expect(again.body.accessLog).toEqual(
      expect.arrayContaining([expect.objectContaining({ resource: 'subject-access', purpose: 'subject-access-request', who: expect.objectContaining({ organisationId: 'RXT01' }) })]),
    );
  });

  it('records the export, gathers referrals’ part, names the services it could not ask, refuses release until they answer, and takes redactions', async () => {
    const mine = `sar-export-${randomUUID().slice(0, 8)}`;
    const patient = await refer(mine, 8900 + Math.floor(Math.random() * 90));
    const officer = await service.as(users.therapyPrivacyOfficer);

    await (await service.as(users.therapist)).post(`/patients/${patient}/subject-access-exports`).expect(403);
    const created = await officer.post(`/patients/${patient}/subject-access-exports`).expect(202);
    const exportId = created.body.id as string;
    expect(created.body.progress.total).toBe(5);
    await service.app.get(SubjectAccessExports).settled(exportId);

    const progress = await officer.get(`/patients/${patient}/subject-access-exports/${exportId}`).expect(200);
    expect(progress.body.status).toBe('incomplete');
    expect(progress.body.progress).toEqual({ done: 1, total: 5 });
    const byService = Object.fromEntries(progress.body.sources.map((s: { service: string }) => [s.service, s]));
    expect(byService['referrals']).toMatchObject({ status: 'collected' });
    expect(byService['scheduling']).toMatchObject({ status: 'failed', failure: 'unreachable' });
    expect(byService['outcomes']).toMatchObject({ status: 'failed', failure: 'not-configured' });

    await officer.post(`/patients/${patient}/subject-access-exports/${exportId}/release`).expect(409);
    await officer.get(`/patients/${patient}/subject-access-exports/${exportId}/bundle.json`).expect(409);

    const holdings = await officer.get(`/patients/${patient}/subject-access`).expect(200);
    const entry = holdings.body.entries.find((e: { type: string }) => e.type === 'ReferralReceived').entryId as string;
    const redacted = await officer
      .post(`/patients/${patient}/subject-access-exports/${exportId}/redactions`)
      .send({ entryId: entry, reason: 'names a family member' })
      .expect(200);
    expect(redacted.body.redactions).toEqual([{ entryId: entry, reason: 'names a family member' }]);
    const unknown = await officer.post(`/patients/${patient}/subject-access-exports/${exportId}/redactions`).send({ entryId: 'referrals:999999999', reason: 'x y z' }).expect(422);
    expect(JSON.stringify(unknown.body)).toContain('entryId');
    await officer.post(`/patients/${patient}/subject-access-exports/${exportId}/redactions`).send({ entryId: 'nope', reason: 'x y z' }).expect(400);

    // Another person's id with this export's id: unknown.
    const other = await refer(`sar-other-${randomUUID().slice(0, 8)}`, 8990 + Math.floor(Math.random() * 9));
    await officer.get(`/patients/${other}/subject-access-exports/${exportId}`).expect(404);

    // The export's events are sealed: the gathered copy never sits in clear in the store's rows.
    const pool = new Pool({ connectionString: service.database.url, max: 1 });
    try {
      const { rows } = await pool.query<{ data: string }>(`SELECT e::text AS data FROM referrals_events.events e WHERE e::text LIKE '%SubjectAccessSourceCollected%'`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.data).not.toContain(mine);
    } finally {
      await pool.end();
    }
  });

  it('gathers the records merged into the person’s record too (each checked to be theirs), and nothing of anyone else', async () => {
    const id = randomUUID().slice(0, 8);
    const onSurvivor = `sar-survivor-${id}`;
    const onDuplicate = `sar-duplicate-${id}`;
    const onStranger = `sar-stranger-${id}`;
    const survivor = await refer(onSurvivor, 7000 + Math.floor(Math.random() * 90));
    const duplicate = await refer(onDuplicate, 7100 + Math.floor(Math.random() * 90));
    await refer(onStranger, 7200 + Math.floor(Math.random() * 90));
    const admin = await service.as({ user: 'u-tt-admin-sar', org: 'RXT01', orgType: 'talking-therapies', roles: ['admin'] });
    await admin.post(`/patients/${survivor}/merge`).send({ duplicatePatientSubjectId: duplicate, reason: 'same person: traced on PDS' }).expect(200);

    const officer = await service.as(users.therapyPrivacyOfficer);
    const exportId = (await officer.post(`/patients/${survivor}/subject-access-exports`).expect(202)).body.id as string;
    await service.app.get(SubjectAccessExports).settled(exportId);
    const progress = await officer.get(`/patients/${survivor}/subject-access-exports/${exportId}`).expect(200);
    expect(progress.body.sources.find((source: { service: string }) => source.service === 'referrals')).toMatchObject({ status: 'collected' });

    // The gathered part (opened through the store's codec): both records' facts, in time order, and their access logs.
    const collected = (await service.store.readStream(subjectAccessExportStreamId(exportId))).find((event) => event.type === 'SubjectAccessSourceCollected');
    const holdings = (collected?.data as { holdings: { records: string[]; entries: Array<{ type: string; summary: string; occurredAt: string }>; accessLog: unknown[] } }).holdings;
    expect(holdings.records).toEqual([survivor, duplicate]);
    const text = JSON.stringify(holdings);
    expect(text).toContain(onSurvivor);
    expect(text).toContain(onDuplicate);
    expect(text).not.toContain(onStranger);
    expect(holdings.entries.filter((entry) => entry.type === 'ReferralReceived')).toHaveLength(2);
    const times = holdings.entries.map((entry) => entry.occurredAt);
    expect(times).toEqual([...times].sort());
    // Each record's read is audited as a subject access read.
    const reads = (await service.allEvents()).filter((event) => event.streamId === `access-${duplicate}` && JSON.stringify(event.data).includes('subject-access-request'));
    expect(reads.length).toBeGreaterThan(0);
  });
});
