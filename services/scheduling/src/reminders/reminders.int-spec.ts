import {
  dateAhead,
  provideEpisode,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('appointment reminders through the notification port (default adapter: the notifications table)', () => {
  let service: SchedulingTestApp;
  let slots: { id: string; startsAt: string }[];
  let next = 0;
  const slot = () => {
    const s = slots[next++];
    if (!s) throw new Error('out of slots');
    return s;
  };

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_reminders');
    const clinician = await registerClinician(service);
    const session = await service
      .http()
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date: dateAhead(5), startTime: '09:00', endTime: '11:00' })
      .expect(201);
    slots = session.body.slots;
    for (const patient of ['p-1', 'p-2', 'p-3']) await provideEpisode(service, { episodeId: `e-${patient}`, patientSubjectId: patient });
  });
  afterAll(() => service.close());

  const notifications = async (appointmentId: string) => {
    await service.settled();
    return (await service.dataSource.query(
      `SELECT slot_id, kind, send_at, status FROM "scheduling"."notifications" WHERE appointment_id = $1 ORDER BY slot_id, send_at`,
      [appointmentId],
    )) as { slot_id: string; kind: string; send_at: Date; status: string }[];
  };
  const book = async (patient: string) => {
    const s = slot();
    const response = await service
      .http()
      .post('/appointments')
      .send({ patientSubjectId: patient, episodeId: `e-${patient}`, slotId: s.id, purpose: 'treatment', mode: 'telephone' })
      .expect(201);
    return { id: response.body.id as string, slot: s };
  };

  it('schedules a reminder 2 days and one 2 hours before each booking', async () => {
    const { id, slot: s } = await book('p-1');
    const rows = await notifications(id);
    const start = Date.parse(s.startsAt);
    expect(rows.map((r) => [r.kind, r.send_at.toISOString(), r.status])).toEqual([
      ['2-days-before', new Date(start - 48 * 3_600_000).toISOString(), 'scheduled'],
      ['2-hours-before', new Date(start - 2 * 3_600_000).toISOString(), 'scheduled'],
    ]);
  });

  it('withdraws the reminders of a cancelled appointment', async () => {
    const { id } = await book('p-2');
    await service.http().post(`/appointments/${id}/cancel`).send({ cancelledBy: 'service', reason: 'clinician-unavailable' }).expect(200);
    expect((await notifications(id)).map((r) => r.status)).toEqual(['withdrawn', 'withdrawn']);
  });

  it('withdraws a moved appointment’s old reminders and schedules new ones for its new time', async () => {
    const { id, slot: from } = await book('p-3');
    const to = slot();
    await service.http().post(`/appointments/${id}/reschedule`).send({ slotId: to.id, requestedBy: 'patient' }).expect(200);
    const rows = await notifications(id);
    expect(rows.filter((r) => r.slot_id === from.id).map((r) => r.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(rows.filter((r) => r.slot_id === to.id).map((r) => r.status)).toEqual(['scheduled', 'scheduled']);
  });
});
