import { users } from '@stepwell/access/testing';
import { dateAhead, provideEpisode, registerClinician, startSchedulingTestApp, validSession, type SchedulingTestApp } from '../testing/scheduling-test-app';
import { clockPast } from '@stepwell/testing';


describe('GET /patients/{patientId}/journey?asOf= (scheduling, issue 19 item 5)', () => {
  let service: SchedulingTestApp;
  const patient = 'p-journey-1';
  let beforeCancelled: string;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_journey');
    const clinician = await registerClinician(service);
    const session = await service
      .http()
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date: dateAhead(5), startTime: '09:00', endTime: '10:00', slotLengthMinutes: 30 })
      .expect(201);
    const slots = session.body.slots as { id: string }[];
    await provideEpisode(service, { episodeId: 'episode-journey-1', patientSubjectId: patient });
    const booked = await service
      .http()
      .post('/appointments')
      .send({ patientSubjectId: patient, episodeId: 'episode-journey-1', slotId: slots[0]?.id, purpose: 'treatment', mode: 'telephone' })
      .expect(201);
    beforeCancelled = new Date().toISOString();
    await clockPast(beforeCancelled);
    await service.http().post(`/appointments/${booked.body.id as string}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-unwell' }).expect(200);
    // A second appointment first booked after the instant: not part of the earlier journey at all.
    await service
      .http()
      .post('/appointments')
      .send({ patientSubjectId: patient, episodeId: 'episode-journey-1', slotId: slots[1]?.id, purpose: 'treatment', mode: 'telephone' })
      .expect(201);
  });
  afterAll(() => service.close());

  const types = (entries: { type: string }[]) => entries.map((e) => e.type);

  it('shows the booking as recorded before the cancellation, the cancellation apart as a later correction, and the later booking not at all', async () => {
    const then = await service.http().get(`/patients/${patient}/journey?asOf=${beforeCancelled}`).expect(200);
    expect(then.body).toMatchObject({ service: 'scheduling', patientSubjectId: patient, asOf: beforeCancelled });
    expect(types(then.body.entries)).toEqual(['AppointmentBooked']);
    expect(types(then.body.laterCorrections)).toEqual(['AppointmentCancelled']);
    expect(then.body.laterCorrections[0].record).toBe(then.body.entries[0].record);

    const now = await service.http().get(`/patients/${patient}/journey`).expect(200);
    expect(types(now.body.entries)).toEqual(['AppointmentBooked', 'AppointmentCancelled', 'AppointmentBooked']);
    expect(now.body.laterCorrections).toEqual([]);
  });

  it('gives byte-identical JSON for the same instant on two reads', async () => {
    const one = await service.http().get(`/patients/${patient}/journey?asOf=${beforeCancelled}`).expect(200);
    const two = await service.http().get(`/patients/${patient}/journey?asOf=${beforeCancelled}`).expect(200);
    expect(two.text).toBe(one.text);
  });

  it('answers an organisation with no relationship 404, as for an unknown patient', async () => {
    const stranger = await (await service.as(users.crisisClinician)).get(`/patients/${patient}/journey`).expect(404);
    const unknown = await (await service.as(users.crisisClinician)).get('/patients/p-nobody/journey').expect(404);
    expect(stranger.body.code).toBe(unknown.body.code);
  });

  it('answers 400 naming asOf for an instant it cannot read', async () => {
    const response = await service.http().get(`/patients/${patient}/journey?asOf=2026-13-45`).expect(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
