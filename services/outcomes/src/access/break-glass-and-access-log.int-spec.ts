import { users, type TestUser } from '@stepwell/access/testing';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

const phq9 = findQuestionnaire('PHQ-9');
const REASON = 'Patient in crisis at A&E, needs risk history';

describe('outcomes: break-glass is read-only, and the access log is mounted', () => {
  let service: OutcomesTestApp;
  let patient: string;
  let episodeId: string;
  beforeAll(async () => {
    service = await startOutcomesTestApp('outcomes_break_glass');
  });
  beforeEach(async () => {
    ({ patient, episodeId } = await service.openTherapistEpisode());
  });
  afterAll(() => service.close());

  const clinicalEvents = async () => (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));
  const phq9Body = () => ({
    questionnaireCode: 'PHQ-9',
    questionnaireVersion: '1',
    episodeId,
    completedBy: 'clinician',
    answers: answersTotalling(phq9, 12),
  });

  // Regression (issue 10): break-glass let an unrelated clinician write a PHQ-9 into another organisation's record.
  it('refuses an unrelated clinician writing a PHQ-9 under break-glass with 403 BREAK_GLASS_READ_ONLY, writing nothing', async () => {
    const before = await clinicalEvents();
    const crisis = await service.as(users.crisisClinician);
    const response = await crisis.post(`/patients/${patient}/responses`).set('X-Break-Glass-Reason', REASON).send(phq9Body());
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_READ_ONLY', status: 403 });
    expect(await clinicalEvents()).toEqual(before);
    expect((await service.store.readStream(`access-${patient}`)).map((e) => e.type)).not.toContain('BreakGlassAccessGranted');

    // Nor without the header: break-glass never outlives the read it was given for.
    const read = await crisis.get(`/patients/${patient}/measures?code=PHQ-9`).set('X-Break-Glass-Reason', REASON);
    expect(read.status).toBe(200);
    const retry = await crisis.post(`/patients/${patient}/responses`).send(phq9Body());
    expect(retry.status).toBeGreaterThanOrEqual(403);
    expect(retry.status).toBeLessThan(500);
    expect(await clinicalEvents()).toEqual(before);
  });

  // Regression (issue 10): a break-glass request that then failed validation (400) still recorded a grant.
  it('records no grant for a break-glass read that fails validation, and one for the same read made valid', async () => {
    const crisis = await service.as(users.crisisClinician);
    const invalid = await crisis.get(`/patients/${patient}/measures`).set('X-Break-Glass-Reason', REASON);
    expect(invalid.status).toBe(400);
    expect(await service.store.readStream(`access-${patient}`)).toEqual([]);
    await crisis.get(`/patients/${patient}/measures?code=PHQ-9`).set('X-Break-Glass-Reason', REASON).expect(200);
    expect((await service.store.readStream(`access-${patient}`)).map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed']);
  });

  it('refuses the break-glass header on a write even from the providing organisation', async () => {
    const before = await clinicalEvents();
    const response = await service.http().post(`/patients/${patient}/responses`).set('X-Break-Glass-Reason', REASON).send(phq9Body());
    expect(response.status).toBe(403);
    expect(await clinicalEvents()).toEqual(before);
  });

  it('serves GET /patients/{id}/access-log to the privacy officer of the providing organisation, audited', async () => {
    const officer: TestUser = { user: 'u-po-tt', org: THERAPIST.org, orgType: THERAPIST.orgType, roles: ['auditor'] };
    await service.http().get(`/patients/${patient}/measures?code=PHQ-9`).expect(200);
    const first = await (await service.as(officer)).get(`/patients/${patient}/access-log`).expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    expect(first.body.items[0]).toMatchObject({ action: 'read', who: { userId: THERAPIST.user, organisationId: THERAPIST.org }, resource: 'measure-series' });
    const second = await (await service.as(officer)).get(`/patients/${patient}/access-log`).expect(200);
    expect(second.body.items[0]).toMatchObject({ who: { userId: officer.user, role: 'auditor' }, resource: 'access-log', basis: 'privacy-oversight' });

    const stranger: TestUser = { user: 'u-po-x', org: 'ZZZ99', orgType: 'gp-practice', roles: ['auditor'] };
    expect((await (await service.as(stranger)).get(`/patients/${patient}/access-log`)).status).toBe(403);
  });
});
