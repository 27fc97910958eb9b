import { createTestIssuer } from '@stepwell/access/testing';
import { loadSchedulingConfig } from '../config';
import { dateAhead, provideEpisode, registerClinician, startSchedulingTestApp, validSession, type SchedulingTestApp } from '../testing/scheduling-test-app';
import { rebuildSchedulingReadModels } from './rebuild-read-models';

const TABLES = {
  clinicians: 'clinician_id',
  slots: 'slot_id',
  appointments: 'appointment_id',
  follow_up_tasks: 'task_id',
  engagement_reviews: 'review_id',
  waiting_list: 'episode_id, organisation_id',
} as const;

describe('rebuilding the scheduling read models', () => {
  let service: SchedulingTestApp;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_rebuild');
  });
  afterAll(() => service.close());

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES)) tables[table] = await service.dataSource.query(`SELECT * FROM "scheduling"."${table}" ORDER BY ${key}`);
    return tables;
  }

  it('gives the same clinicians, slots, appointments, follow-up and waiting list as the live projection, from the event store alone', async () => {
    for (const patient of ['p-1', 'p-2', 'p-3']) await provideEpisode(service, { episodeId: `e-${patient}`, patientSubjectId: patient });
    const clinician = await registerClinician(service);
    const day = dateAhead(4);
    const session = await service.http().post(`/clinicians/${clinician}/sessions`).send({ ...validSession, date: day, startTime: '09:00', endTime: '12:00' }).expect(201);
    const slots = session.body.slots as { id: string }[];
    const book = async (patient: string, slot: { id: string }) =>
      (
        await service
          .http()
          .post('/appointments')
          .send({ patientSubjectId: patient, episodeId: `e-${patient}`, slotId: slot.id, purpose: 'treatment', mode: 'telephone' })
          .expect(201)
      ).body.id as string;
    const [first, second, third, spare] = [slots[0], slots[1], slots[2], slots[3]];
    if (!first || !second || !third || !spare) throw new Error('the session has fewer than four slots');
    const cancelled = await book('p-1', first);
    const moved = await book('p-2', second);
    const missed = await book('p-3', third);
    await service.http().post(`/appointments/${cancelled}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-unwell' }).expect(200);
    await service.http().post(`/appointments/${moved}/reschedule`).send({ slotId: spare.id, requestedBy: 'patient' }).expect(200);
    service.clock.set(`${day}T13:00:00.000Z`);
    await service.http().post(`/appointments/${missed}/attendance`).send({ outcome: 'did-not-attend' }).expect(200);
    await service.settled();

    const live = await snapshot();
    expect(live['appointments']).toHaveLength(3);
    expect(live['follow_up_tasks']).toHaveLength(1);
    expect((live['slots'] as { status: string }[]).filter((slot) => slot.status === 'booked')).toHaveLength(2);

    // Wreck the tables, then rebuild them the way `npm run rebuild -- scheduling` does.
    for (const table of ['slots', 'appointments', 'follow_up_tasks']) await service.dataSource.query(`DELETE FROM "scheduling"."${table}"`);
    const issuer = createTestIssuer();
    const [result] = await rebuildSchedulingReadModels(loadSchedulingConfig(undefined, { DATABASE_URL: service.database.url, ...issuer.env }));
    expect(result).toEqual({ projection: 'scheduling.read-models', version: 1, position: await service.store.headPosition() });
    expect(await snapshot()).toEqual(live);
  });
});
