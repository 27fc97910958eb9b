import { randomUUID } from 'node:crypto';
import { applyCareRelationshipEvent } from '@stepwell/access';
import { users } from '@stepwell/access/testing';
import { GP, newPatient, publishOffering, SPECIALIST, startConsultationsTestApp, unrelatedPatient, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';
import { clockPast } from '@stepwell/testing';


const PROVIDER = users.therapist;

describe('GET /patients/{patientId}/journey?asOf= (consultations, issue 19 item 5)', () => {
  let service: ConsultationsTestApp;
  const patient = newPatient();
  let beforeAccepted: string;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_journey');
    await publishOffering(service);
    // A provider of the person's care (as referrals' episode events would relate it): the journey is providers' reading.
    await applyCareRelationshipEvent(service.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.relationship',
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      participants: [{ organisationId: PROVIDER.org, reason: 'step-provider', scope: `episode:ep-${patient}` }],
    });
    const requested = await (await service.as(GP)).post('/consultations').send(validRequest({ patient: { subjectId: patient, consent: 'recorded' } })).expect(201);
    beforeAccepted = new Date().toISOString();
    await clockPast(beforeAccepted);
    await (await service.as(SPECIALIST)).post(`/consultations/${requested.body.id as string}/accept`).send({}).expect(200);
  });
  afterAll(() => service.close());

  const types = (entries: { type: string }[]) => entries.map((e) => e.type);

  it('shows the consultation as requested before it was accepted, the acceptance apart as a later correction', async () => {
    const gp = await service.as(PROVIDER);
    const then = await gp.get(`/patients/${patient}/journey?asOf=${beforeAccepted}`).expect(200);
    expect(then.body).toMatchObject({ service: 'consultations', patientSubjectId: patient, asOf: beforeAccepted });
    expect(types(then.body.entries)).toEqual(['ConsultationRequested']);
    expect(types(then.body.laterCorrections)).toEqual(['ConsultationAccepted']);

    const now = await gp.get(`/patients/${patient}/journey`).expect(200);
    expect(types(now.body.entries)).toEqual(['ConsultationRequested', 'ConsultationAccepted']);
    expect(now.body.laterCorrections).toEqual([]);
  });

  it('gives byte-identical JSON for the same instant on two reads', async () => {
    const gp = await service.as(PROVIDER);
    const one = await gp.get(`/patients/${patient}/journey?asOf=${beforeAccepted}`).expect(200);
    const two = await gp.get(`/patients/${patient}/journey?asOf=${beforeAccepted}`).expect(200);
    expect(two.text).toBe(one.text);
  });

  it('answers an organisation with no relationship 404, as for an unknown patient', async () => {
    const stranger = await (await service.as(users.crisisClinician)).get(`/patients/${patient}/journey`).expect(404);
    const unknown = await (await service.as(GP)).get(`/patients/${unrelatedPatient()}/journey`).expect(404);
    expect(stranger.body.code).toBe(unknown.body.code);
  });

  it('answers the referring practice, which knows the person but provides no care, 403 (the journey is for providers)', async () => {
    await (await service.as(GP)).get(`/patients/${patient}/journey`).expect(403);
  });

  it('answers 400 naming asOf for an instant it cannot read', async () => {
    const response = await (await service.as(PROVIDER)).get(`/patients/${patient}/journey?asOf=not-an-instant`).expect(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
