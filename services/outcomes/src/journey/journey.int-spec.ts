import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { clockPast } from '@stepwell/testing';


describe('GET /patients/{patientId}/journey?asOf= (outcomes, issue 19 item 5)', () => {
  let service: OutcomesTestApp;
  const patient = `p-${randomUUID()}`;
  let alertId: string;
  let beforeAcknowledged: string;
  beforeAll(async () => {
    service = await startOutcomesTestApp('journey');
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const phq9 = findQuestionnaire('PHQ-9');
    const response = await service
      .http()
      .post(`/patients/${patient}/responses`)
      .send({ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling(phq9, 8, { 'phq9-9': 2 }) })
      .expect(201);
    alertId = response.body.id as string;
    await service.settled();
    beforeAcknowledged = new Date().toISOString();
    await clockPast(beforeAcknowledged);
    await service.http().post(`/risk-alerts/${alertId}/acknowledge`).send({ actionTaken: 'contacted-patient' }).expect(200);
    await service.settled();
  });
  afterAll(() => service.close());

  it('shows the measure and the open risk alert as recorded before the acknowledgement, which is listed apart as a later correction', async () => {
    const then = await service.http().get(`/patients/${patient}/journey?asOf=${beforeAcknowledged}`).expect(200);
    expect(then.body).toMatchObject({ service: 'outcomes', patientSubjectId: patient, asOf: beforeAcknowledged });
    expect(then.body.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ResponseRecorded', 'RiskAlertRaised']));
    expect(then.body.entries.map((e: { type: string }) => e.type)).not.toContain('RiskAlertAcknowledged');
    expect(then.body.laterCorrections.map((e: { type: string; summary: string }) => [e.type, e.summary])).toEqual([['RiskAlertAcknowledged', 'A clinician acknowledged a risk alert about you.']]);
    for (const entry of then.body.entries as { recordedAt: string }[]) expect(Date.parse(entry.recordedAt)).toBeLessThanOrEqual(Date.parse(beforeAcknowledged));

    const now = await service.http().get(`/patients/${patient}/journey`).expect(200);
    expect(now.body.entries.map((e: { type: string }) => e.type)).toContain('RiskAlertAcknowledged');
    expect(now.body.laterCorrections).toEqual([]);
  });

  it('gives byte-identical JSON for the same instant on two reads', async () => {
    const one = await service.http().get(`/patients/${patient}/journey?asOf=${beforeAcknowledged}`).expect(200);
    const two = await service.http().get(`/patients/${patient}/journey?asOf=${beforeAcknowledged}`).expect(200);
    expect(two.text).toBe(one.text);
  });

  it('answers an organisation with no relationship 404, as for an unknown patient', async () => {
    const stranger = await (await service.as(users.crisisClinician)).get(`/patients/${patient}/journey`).expect(404);
    const unknown = await (await service.as(users.crisisClinician)).get(`/patients/p-${randomUUID()}/journey`).expect(404);
    expect(stranger.body.code).toBe(unknown.body.code);
  });

  it('answers 400 naming asOf for an instant it cannot read', async () => {
    const response = await service.http().get(`/patients/${patient}/journey?asOf=yesterday`).expect(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
