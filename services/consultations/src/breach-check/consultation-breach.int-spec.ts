import { GP, publishOffering, SPECIALIST, startConsultationsTestApp, validAnswer, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';
import { ConsultationBreachCheck } from './consultation-breach.check';

describe('the worklist GET /consultations and the due-time breach check', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_worklist');
    await publishOffering(service);
  });
  afterAll(() => service.close());

  it('lists the organisation’s consultations urgent first, then by due time, filtered by status, assignee and breach, a page at a time', async () => {
    const gp = await service.as(GP);
    const specialist = await service.as(SPECIALIST);
    const routine = (await gp.post('/consultations').send(validRequest()).expect(201)).body;
    const urgent = (await gp.post('/consultations').send(validRequest({ urgency: 'urgent' })).expect(201)).body;
    const later = (await gp.post('/consultations').send(validRequest()).expect(201)).body;
    await specialist.post(`/consultations/${later.id as string}/accept`).send({ assignTo: SPECIALIST.user }).expect(200);

    const all = await specialist.get('/consultations').query({ organisation: SPECIALIST.org }).expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([urgent.id, routine.id, later.id]);
    expect(all.body.items[0]).toMatchObject({ urgency: 'urgent', status: 'requested', breached: false, patientSubjectId: urgent.patient.subjectId });
    expect(JSON.stringify(all.body)).not.toContain(routine.question as string);

    expect((await specialist.get('/consultations').query({ organisation: SPECIALIST.org, status: 'accepted' }).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([later.id]);
    expect((await specialist.get('/consultations').query({ organisation: SPECIALIST.org, assignedTo: SPECIALIST.user }).expect(200)).body.total).toBe(1);
    const second = await specialist.get('/consultations').query({ organisation: SPECIALIST.org, page: 2, pageSize: 1 }).expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 3, items: [all.body.items[1]] });
    // The requester sees the same consultations on its side.
    expect((await gp.get('/consultations').query({ organisation: GP.org }).expect(200)).body.total).toBe(3);
    expect((await specialist.get('/consultations').query({ organisation: SPECIALIST.org, status: 'lost' }).expect(400)).body.status).toBe(400);

    // The due time passes: the check records one breach per consultation awaiting an answer, once.
    const check = service.app.get(ConsultationBreachCheck);
    expect(await check.runOnce(new Date(Date.parse(urgent.dueAt as string) - 60_000))).toBe(0);
    expect(await check.runOnce(new Date(Date.parse(urgent.dueAt as string) + 60_000))).toBe(1);
    await service.settled();
    const lastDue = Math.max(Date.parse(routine.dueAt as string), Date.parse(later.dueAt as string));
    await specialist.post(`/consultations/${later.id as string}/answer`).send(validAnswer()).expect(200);
    expect(await check.runOnce(new Date(lastDue + 60_000))).toBe(1);
    expect(await check.runOnce(new Date(lastDue + 120_000))).toBe(0);
    await service.settled();
    const breached = await specialist.get('/consultations').query({ organisation: SPECIALIST.org, breach: 'true' }).expect(200);
    expect(breached.body.items.map((i: { id: string }) => i.id).sort()).toEqual([urgent.id, routine.id].sort());
    const events = (await service.store.readStream(`consultation-${urgent.id as string}`)).filter((e) => e.type === 'ConsultationResponseBreached');
    expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ dueAt: urgent.dueAt, consultationServiceId: SPECIALIST.org }), metadata: expect.objectContaining({ patientSubjectId: urgent.patient.subjectId }) })]);
  });
});
