import { randomUUID } from 'node:crypto';
import { applyCareRelationshipEvent } from '@stepwell/access';
import { users, type TestUser } from '@stepwell/access/testing';
import { DataSource } from 'typeorm';
import { startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('referrals: GET /patients/{id}/access-log and the break-glass queue come from the access module', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('referrals_access_log');
  });
  afterAll(() => service.close());

  const officer: TestUser = { user: 'u-po-gp', org: users.gpClinician.org, orgType: 'gp-practice', roles: ['auditor'] };

  it('serves the access log to the privacy officer of an organisation in the patient’s care, audits it, refuses others', async () => {
    const patient = randomUUID();
    await applyCareRelationshipEvent(service.app.get(DataSource).manager, {
      eventId: randomUUID(),
      eventType: 'test.relationship',
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      participants: [{ organisationId: officer.org, reason: 'referrer' }],
    });
    const asOfficer = await service.as(officer);
    expect((await asOfficer.get(`/patients/${patient}/access-log`).expect(200)).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    const second = await asOfficer.get(`/patients/${patient}/access-log`).expect(200);
    expect(second.body.items).toEqual([
      expect.objectContaining({ action: 'read', resource: 'access-log', who: expect.objectContaining({ userId: officer.user }), basis: 'privacy-oversight' }),
    ]);
    const stranger: TestUser = { user: 'u-po-tt', org: 'RXT01', orgType: 'talking-therapies', roles: ['auditor'] };
    expect((await (await service.as(stranger)).get(`/patients/${patient}/access-log`)).status).toBe(403);
    expect((await service.http().get(`/patients/${patient}/access-log`)).status).toBe(403);
  });

  it('scopes the break-glass queue to the auditor’s own organisation', async () => {
    const asOfficer = await service.as(officer);
    expect((await asOfficer.get('/audit/break-glass').expect(200)).body).toMatchObject({ page: 1, total: 0 });
    expect((await asOfficer.get('/audit/break-glass?organisation=RCR01')).status).toBe(403);
    expect((await (await service.as(users.nationalAuditor)).get('/audit/break-glass?organisation=RCR01')).status).toBe(200);
  });
});
