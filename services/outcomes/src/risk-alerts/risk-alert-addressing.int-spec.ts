import { randomUUID } from 'node:crypto';
import type { TestUser } from '@stepwell/access/testing';
import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { RiskAlertEscalationCheck } from './risk-alert-escalation.check';

const phq9 = findQuestionnaire('PHQ-9');
/** The talking-therapies service's duty clinician and clinical lead (issue 12 item 8). */
const DUTY: TestUser = { user: 'u-tt-duty-1', org: THERAPIST.org, orgType: 'talking-therapies', roles: ['clinician', 'duty-clinician'] };
const LEAD: TestUser = { user: 'u-tt-lead-1', org: THERAPIST.org, orgType: 'talking-therapies', roles: ['clinical-lead'] };

/**
 * Issue 12 item 8 and issue 10 ("acknowledging another organisation's alert"): who a risk alert reaches, where it
 * escalates, and who may close it. Hazards H-R1 and H-R2 in docs/clinical-safety/hazard-log.md.
 */
describe('risk alert addressing, escalation and closing', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('risk_addressing');
  });
  afterAll(() => service.close());

  async function episodeAtTherapist(): Promise<{ patient: string; episodeId: string }> {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    return { patient, episodeId };
  }

  const riskyPhq9 = (episodeId: string, appointmentId?: string) => ({
    questionnaireCode: 'PHQ-9',
    questionnaireVersion: '1',
    episodeId,
    ...(appointmentId ? { appointmentId } : {}),
    completedBy: 'patient',
    answers: answersTotalling(phq9, 10, { 'phq9-9': 2 }),
  });

  it('addresses the alert to the clinician of the appointment the measure was taken at, and to the provider’s duty queue', async () => {
    const { patient, episodeId } = await episodeAtTherapist();
    const { data } = await service.deliver.booked(patient, { episodeId, clinicianId: 'clin-ann' });
    await service.deliver.booked(patient, { episodeId, clinicianId: 'clin-bob', startsAt: '2026-01-17T09:00:00.000Z' });
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId, data.appointmentId)).expect(201);
    expect(response.body.riskAlert).toMatchObject({ organisationId: THERAPIST.org, namedClinician: { id: 'clin-ann', source: 'appointment' } });
    const mine = await service.http().get('/risk-alerts?namedClinician=clin-ann&status=open').expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([response.body.id]);
    // The duty queue (the organisation's list) holds it too.
    const duty = await (await service.as(DUTY)).get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(duty.body.items.map((a: { id: string }) => a.id)).toContain(response.body.id);
  });

  it('without an appointment named, addresses the clinician of the episode’s latest appointment', async () => {
    const { patient, episodeId } = await episodeAtTherapist();
    await service.deliver.booked(patient, { episodeId, clinicianId: 'clin-early', startsAt: '2026-01-10T09:00:00.000Z' });
    await service.deliver.booked(patient, { episodeId, clinicianId: 'clin-late', startsAt: '2026-02-10T09:00:00.000Z' });
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId)).expect(201);
    expect(response.body.riskAlert.namedClinician).toEqual({ id: 'clin-late', source: 'latest-appointment' });
  });

  it('addresses the care coordinator named on the episode before any appointment clinician; only the provider may name one', async () => {
    const { patient, episodeId } = await episodeAtTherapist();
    await service.deliver.booked(patient, { episodeId, clinicianId: 'clin-ann' });
    const gp = await service.as(users.gpClinician);
    await service.relate(patient, users.gpClinician.org);
    const head = await service.store.headPosition();
    const refused = await gp.put(`/episodes/${episodeId}/care-coordinator`).send({ clinicianId: 'u-gp-1' }).expect(403);
    expect(refused.body.type).toBe(`${PROBLEM_TYPE_BASE}not-the-episode-provider`);
    expect((await service.allEvents()).filter((e) => e.globalPosition > head && !e.streamId.startsWith('access-'))).toEqual([]);

    await service.http().put(`/episodes/${episodeId}/care-coordinator`).send({ clinicianId: 'u-tt-7' }).expect(200);
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId)).expect(201);
    expect(response.body.riskAlert.namedClinician).toEqual({ id: 'u-tt-7', source: 'care-coordinator' });
  });

  it('with no coordinator and no appointment, names the provider’s clinician who recorded it', async () => {
    const { patient, episodeId } = await episodeAtTherapist();
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId)).expect(201);
    expect(response.body.riskAlert.namedClinician).toEqual({ id: THERAPIST.user, source: 'recorded-by' });
  });

  it('escalates an alert left open to the duty role; the clinical lead sees it among the escalated; the duty clinician closes it', async () => {
    const now = new Date(service.clock.now());
    const { patient, episodeId } = await episodeAtTherapist();
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId)).expect(201);
    const alertId = response.body.id as string;
    const lead = await service.as(LEAD);
    expect((await lead.get('/risk-alerts?escalated=true&pageSize=200').expect(200)).body.items.map((a: { id: string }) => a.id)).not.toContain(alertId);

    service.clock.set(new Date(now.getTime() + 61 * 60_000).toISOString());
    await service.app.get(RiskAlertEscalationCheck).runOnce();
    await service.settled();
    const [escalation] = (await service.store.readStream(`response-${alertId}`)).filter((e) => e.type === 'RiskAlertEscalated');
    expect(escalation?.data).toMatchObject({ escalatedTo: 'duty-clinician', visibleTo: 'clinical-lead', organisationId: THERAPIST.org });

    const seen = await lead.get('/risk-alerts?escalated=true&pageSize=200').expect(200);
    expect(seen.body.items.find((a: { id: string }) => a.id === alertId)).toMatchObject({ escalatedTo: 'duty-clinician', status: 'open' });
    await (await service.as(DUTY)).post(`/risk-alerts/${alertId}/acknowledge`).send({ actionTaken: 'contacted-patient' }).expect(200);
  });

  // Issue 10: any organisation with a relationship to the person could silence another organisation's alert.
  it("refuses to let another organisation acknowledge (close) the alert, even one related to the patient: 403, nothing written", async () => {
    const { patient, episodeId } = await episodeAtTherapist();
    const response = await service.http().post(`/patients/${patient}/responses`).send(riskyPhq9(episodeId)).expect(201);
    const alertId = response.body.id as string;
    await service.relate(patient, users.gpClinician.org);
    await service.relate(patient, users.crisisClinician.org);
    for (const outsider of [users.gpClinician, users.crisisClinician]) {
      const refused = await (await service.as(outsider))
        .post(`/risk-alerts/${alertId}/acknowledge`)
        .send({ actionTaken: 'no-further-action-needed' })
        .expect(403)
        .expect('content-type', /problem\+json/);
      expect(refused.body.type).toBe(`${PROBLEM_TYPE_BASE}risk-alert-not-addressed-to-caller`);
    }
    expect((await service.store.readStream(`response-${alertId}`)).map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised']);
    await service.settled();
    const queue = await service.http().get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(alertId);
  });
});
