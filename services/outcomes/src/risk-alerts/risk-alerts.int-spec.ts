import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { RiskAlertEscalationCheck } from './risk-alert-escalation.check';

const phq9 = findQuestionnaire('PHQ-9');

describe('risk alerts', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('risk_alerts');
  });
  afterAll(() => service.close());

  /** A patient in an episode at THERAPIST's organisation, with a PHQ-9 whose item 9 is `item9`; returns the response. */
  async function phq9For(item9: number, patient = `p-${randomUUID()}`): Promise<{ id: string; patient: string }> {
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const response = await service
      .http()
      .post(`/patients/${patient}/responses`)
      .send({ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling(phq9, 8, { 'phq9-9': item9 }) })
      .expect(201);
    await service.settled();
    return { id: response.body.id as string, patient };
  }

  const escalationEvents = async () => (await service.allEvents()).filter((e) => e.type === 'RiskAlertEscalated');

  it('lists open alerts of the caller’s organisation urgent first, then oldest first, with totals', async () => {
    service.clock.set('2026-11-21T08:00:00.000Z');
    const high = await phq9For(1);
    service.clock.set('2026-11-21T08:05:00.000Z');
    const urgent = await phq9For(3);
    await phq9For(0); // no alert
    const response = await service.http().get('/risk-alerts?status=open').expect(200);
    const ids = response.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(high.id));
    expect(response.body.items.find((item: { id: string }) => item.id === urgent.id)).toMatchObject({
      patientSubjectId: urgent.patient,
      organisationId: THERAPIST.org,
      signal: 'thoughts-of-self-harm',
      urgency: 'urgent',
      status: 'open',
      raisedAt: '2026-11-21T08:05:00.000Z',
    });
    expect(response.body).toMatchObject({ page: 1, pageSize: 50, total: ids.length });
  });

  it("refuses to list another organisation's queue", async () => {
    await service.http().get('/risk-alerts?organisation=RCR01').expect(403);
  });

  it('acknowledges an alert with the action taken: 200, one event, gone from the open list; again changes nothing', async () => {
    const alert = await phq9For(2);
    const response = await service.http().post(`/risk-alerts/${alert.id}/acknowledge`).send({ actionTaken: 'contacted-patient', note: 'Spoke by phone' }).expect(200);
    expect(response.body).toMatchObject({ alertId: alert.id, status: 'acknowledged', actionTaken: 'contacted-patient', changed: true });
    const stream = await service.store.readStream(`response-${alert.id}`);
    expect(stream.map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised', 'RiskAlertAcknowledged']);
    expect(stream[2]?.data).toMatchObject({ actionTaken: 'contacted-patient', note: 'Spoke by phone', episodeId: expect.any(String) });

    await service.settled();
    const open = await service.http().get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(open.body.items.map((item: { id: string }) => item.id)).not.toContain(alert.id);

    const again = await service.http().post(`/risk-alerts/${alert.id}/acknowledge`).send({ actionTaken: 'no-further-action-needed' }).expect(200);
    expect(again.body).toMatchObject({ actionTaken: 'contacted-patient', changed: false });
    expect(await service.store.readStream(`response-${alert.id}`)).toHaveLength(3);
  });

  it('takes If-Match on acknowledgement: a stale ETag is 412 with nothing written; the current one acknowledges and the answer carries the new ETag', async () => {
    const alert = await phq9For(2);
    const stream = await service.store.readStream(`response-${alert.id}`);
    const current = stream[stream.length - 1]?.revision ?? -1;
    const head = await service.store.headPosition();
    const refused = await service
      .http()
      .post(`/risk-alerts/${alert.id}/acknowledge`)
      .set('If-Match', `"${current + 5}"`)
      .send({ actionTaken: 'contacted-patient' })
      .expect(412);
    expect(refused.body).toMatchObject({ status: 412, code: 'STALE_REVISION' });
    expect(await service.store.headPosition()).toBe(head);
    const response = await service.http().post(`/risk-alerts/${alert.id}/acknowledge`).set('If-Match', `"${current}"`).send({ actionTaken: 'contacted-patient' }).expect(200);
    expect(response.body).toMatchObject({ alertId: alert.id, changed: true });
    expect(response.headers['etag']).toBe(`"${current + 1}"`);
  });

  it('answers 404 to acknowledging an alert that does not exist, and 400 to an unknown action; writes nothing', async () => {
    const before = await service.store.headPosition();
    await service.http().post(`/risk-alerts/${randomUUID()}/acknowledge`).send({ actionTaken: 'contacted-patient' }).expect(404);
    const alert = await phq9For(1);
    const afterAlert = await service.store.headPosition();
    expect(afterAlert).toBeGreaterThan(before);
    await service.http().post(`/risk-alerts/${alert.id}/acknowledge`).send({ actionTaken: 'hoped-for-the-best' }).expect(400);
    expect(await service.store.headPosition()).toBe(afterAlert);
  });

  it('answers 403 to a clinician of an organisation with no relationship, and writes nothing', async () => {
    const alert = await phq9For(1);
    const head = await service.store.headPosition();
    await (await service.as(users.crisisClinician)).post(`/risk-alerts/${alert.id}/acknowledge`).send({ actionTaken: 'contacted-patient' }).expect(403);
    expect((await service.store.readStream(`response-${alert.id}`)).map((e) => e.type)).toEqual(['ResponseRecorded', 'RiskAlertRaised']);
    expect(await service.store.headPosition()).toBe(head);
  });

  it('never shows risk alerts to the voluntary sector', async () => {
    await (await service.as(users.linkWorker)).get('/risk-alerts').expect(403);
  });

  it('escalates an alert left unacknowledged past the configured 60 minutes, once, driven by the clock', async () => {
    service.clock.set('2026-11-22T10:00:00.000Z');
    const alert = await phq9For(3);
    const check = service.app.get(RiskAlertEscalationCheck);
    const mine = async () => (await escalationEvents()).filter((e) => e.streamId === `response-${alert.id}`);

    service.clock.set('2026-11-22T10:59:59.000Z');
    await check.runOnce();
    expect(await mine()).toHaveLength(0);

    service.clock.set('2026-11-22T11:00:00.000Z');
    await check.runOnce();
    const escalated = await mine();
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.data).toMatchObject({ alertId: alert.id, acknowledgeWithinMinutes: 60, escalatedAt: '2026-11-22T11:00:00.000Z' });

    await service.settled();
    service.clock.advanceMinutes(120);
    await check.runOnce();
    expect(await mine()).toHaveLength(1);
    const listed = await service.http().get('/risk-alerts?status=open&pageSize=200').expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === alert.id)).toMatchObject({ escalatedAt: '2026-11-22T11:00:00.000Z' });
  });

  it('does not escalate an alert acknowledged in time', async () => {
    service.clock.set('2026-11-23T10:00:00.000Z');
    const alert = await phq9For(2);
    await service.http().post(`/risk-alerts/${alert.id}/acknowledge`).send({ actionTaken: 'safety-plan-reviewed' }).expect(200);
    await service.settled();
    service.clock.set('2026-11-23T12:00:00.000Z');
    await service.app.get(RiskAlertEscalationCheck).runOnce();
    expect((await escalationEvents()).filter((e) => e.streamId === `response-${alert.id}`)).toHaveLength(0);
  });
});
