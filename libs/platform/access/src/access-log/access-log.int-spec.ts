import { freshUser, newPatient, startBreakGlassHarness, type BreakGlassHarness } from '../testing/break-glass-harness';
import { users, type TestUser } from '../testing/test-tokens';
import type { AccessLogEntry } from './access-log';

describe('GET /patients/{id}/access-log', () => {
  let h: BreakGlassHarness;
  beforeAll(async () => {
    h = await startBreakGlassHarness('access_log');
  });
  afterAll(() => h?.close());

  const gpPrivacyOfficer: TestUser = { user: 'u-po-gp', org: users.gpClinician.org, orgType: 'gp-practice', roles: ['auditor'] };
  const log = (patient: string, who: TestUser, query = '') => h.send('get', `/patients/${patient}/access-log${query}`, who);

  it('shows the privacy officer of an organisation in the patient’s care who read or changed what, when and on which basis, newest first', async () => {
    const patient = newPatient();
    await h.relate(patient, { organisationId: users.gpClinician.org, reason: 'referrer' });
    expect((await h.send('get', `/patients/${patient}/summary`, users.gpClinician)).status).toBe(200);
    h.clock.advanceMinutes(5);
    expect((await h.send('post', `/patients/${patient}/notes`, users.gpClinician, {}, { note: 'n' })).status).toBe(201);
    h.clock.advanceMinutes(5);
    const reason = 'Crisis assessment tonight, need recent history';
    expect((await h.send('get', `/patients/${patient}/summary`, users.crisisClinician, { 'X-Break-Glass-Reason': reason })).status).toBe(200);

    const response = await log(patient, gpPrivacyOfficer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 50, total: 4 });
    const entries = response.body.items as AccessLogEntry[];
    expect(entries.map((e) => [e.action, e.who.userId, e.basis])).toEqual([
      ['read', 'u-crisis-1', 'break-glass'],
      ['break-glass', 'u-crisis-1', 'break-glass'],
      ['change', 'u-gp-1', 'relationship'],
      ['read', 'u-gp-1', 'relationship'],
    ]);
    expect(entries[1]).toMatchObject({
      who: { userId: 'u-crisis-1', role: 'clinician', organisationId: 'RCR01', organisationType: 'crisis-team' },
      resource: 'patient-summary',
      purpose: 'emergency',
      reason,
    });
    expect(entries[0]?.breakGlassGrantId).toBe(entries[1]?.id);
    expect(entries[3]).toMatchObject({ resource: 'patient-summary', resourceIds: [`summary-${patient}`], purpose: 'direct-care' });
    expect(Date.parse(entries[0]?.at ?? '')).toBeGreaterThan(Date.parse(entries[3]?.at ?? ''));
  });

  it('audits the reading of the log itself, and pages it', async () => {
    const patient = newPatient();
    await h.relate(patient, { organisationId: users.gpClinician.org, reason: 'referrer' });
    expect((await log(patient, gpPrivacyOfficer)).body.total).toBe(0);
    const events = await h.accessEvents(patient);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      userId: gpPrivacyOfficer.user,
      role: 'auditor',
      resource: 'access-log',
      purpose: 'privacy-audit',
      basis: 'privacy-oversight',
    });
    h.clock.advanceMinutes(1);
    await log(patient, users.nationalAuditor);
    const page = await log(patient, gpPrivacyOfficer, '?pageSize=1&page=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect((page.body.items as AccessLogEntry[]).map((e) => [e.who.userId, e.resource])).toEqual([[gpPrivacyOfficer.user, 'access-log']]);
    const newest = (await log(patient, gpPrivacyOfficer, '?pageSize=1')).body.items as AccessLogEntry[];
    expect(newest.map((e) => e.who.userId)).toEqual([gpPrivacyOfficer.user]);
  });

  it('refuses the privacy officer of an organisation outside the patient’s care, and every non-auditor', async () => {
    const patient = newPatient();
    await h.relate(patient, { organisationId: users.gpClinician.org, reason: 'referrer' });
    const stranger = freshUser('talking-therapies', ['auditor']);
    const response = await log(patient, stranger);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'NO_LEGITIMATE_RELATIONSHIP' });
    expect((await log(patient, users.gpClinician)).status).toBe(403);
    expect((await log(patient, users.crisisClinician, '')).status).toBe(403);
    // Nothing was read, so nothing was audited.
    expect(await h.accessEvents(patient)).toEqual([]);
  });

  it('lets a national auditor read any patient’s log', async () => {
    const patient = newPatient();
    expect((await log(patient, users.nationalAuditor)).status).toBe(200);
    expect((await h.accessEvents(patient))[0]?.data).toMatchObject({ role: 'national-auditor', basis: 'privacy-oversight' });
  });

  it('refuses an id that is not a patient subject id with 400', async () => {
    const response = await log('not.an.id', users.nationalAuditor);
    expect(response.status).toBe(400);
    expect(await h.accessEvents('not.an.id')).toEqual([]);
  });
});
