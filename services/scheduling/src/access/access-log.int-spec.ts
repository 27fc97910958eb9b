import { randomUUID } from 'node:crypto';
import { applyCareRelationshipEvent } from '@stepwell/access';
import { users, type TestUser } from '@stepwell/access/testing';
import { startSchedulingTestApp, type SchedulingTestApp } from '../testing/scheduling-test-app';

describe('scheduling: GET /patients/{id}/access-log comes from the access module', () => {
  let service: SchedulingTestApp;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_access_log');
  });
  afterAll(() => service.close());

  it('serves the access log to the privacy officer of an organisation in the patient’s care, audits it, refuses others', async () => {
    const patient = `p-${randomUUID()}`;
    const officer: TestUser = { user: 'u-po-gp', org: users.admin.org, orgType: 'gp-practice', roles: ['auditor'] };
    await applyCareRelationshipEvent(service.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.relationship',
      patientSubjectId: patient,
      occurredAt: service.clock.now(),
      participants: [{ organisationId: officer.org, reason: 'appointment-organisation' }],
    });
    // An audited read through one of the service's own routes, then the log shows it.
    await service.http().get(`/patients/${patient}/appointments`).expect(200);
    const asOfficer = await service.as(officer);
    const log = await asOfficer.get(`/patients/${patient}/access-log`).expect(200);
    expect(log.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    expect(log.body.items[0]).toMatchObject({
      action: 'read',
      resource: 'appointment',
      who: { userId: users.admin.user, organisationId: users.admin.org },
      basis: 'relationship',
    });
    expect((await asOfficer.get(`/patients/${patient}/access-log`).expect(200)).body.items[0]).toMatchObject({ resource: 'access-log' });
    expect((await (await service.as(users.nationalAuditor)).get(`/patients/${patient}/access-log`)).status).toBe(200);
    const stranger: TestUser = { user: 'u-po-x', org: 'ZZZ99', orgType: 'gp-practice', roles: ['auditor'] };
    expect((await (await service.as(stranger)).get(`/patients/${patient}/access-log`)).status).toBe(403);
  });
});
