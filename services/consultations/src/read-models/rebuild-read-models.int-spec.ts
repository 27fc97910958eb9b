import { createTestIssuer } from '@stepwell/access/testing';
import { loadConsultationsConfig } from '../config';
import { GP, publishOffering, SPECIALIST, startConsultationsTestApp, validAnswer, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';
import { rebuildConsultationsReadModels } from './rebuild-read-models';

describe('rebuilding the consultations read models', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_rebuild');
  });
  afterAll(() => service.close());

  const snapshot = async () => ({
    offerings: (await service.dataSource.query(`SELECT * FROM "consultations"."offerings" ORDER BY organisation_id`)) as unknown[],
    consultations: (await service.dataSource.query(`SELECT * FROM "consultations"."consultations" ORDER BY consultation_id`)) as unknown[],
  });

  it('gives the same offerings and worklist as the live projection, from the event store alone', async () => {
    await publishOffering(service);
    const gp = await service.as(GP);
    const specialist = await service.as(SPECIALIST);
    const answered = (await gp.post('/consultations').send(validRequest()).expect(201)).body.id as string;
    await specialist.post(`/consultations/${answered}/accept`).send({ assignTo: SPECIALIST.user }).expect(200);
    await specialist.post(`/consultations/${answered}/answer`).send(validAnswer()).expect(200);
    await gp.post(`/consultations/${answered}/rating`).send({ usefulness: 4 }).expect(200);
    const declined = (await gp.post('/consultations').send(validRequest({ urgency: 'urgent' })).expect(201)).body.id as string;
    await specialist.post(`/consultations/${declined}/decline`).send({ reason: 'Outside our remit' }).expect(200);
    await gp.post('/consultations').send(validRequest()).expect(201);
    await service.settled();

    const live = await snapshot();
    expect(live.consultations).toHaveLength(3);
    await service.dataSource.query(`DELETE FROM "consultations"."consultations"`);
    await service.dataSource.query(`DELETE FROM "consultations"."offerings"`);
    const [result] = await rebuildConsultationsReadModels(loadConsultationsConfig(undefined, { DATABASE_URL: service.database.url, ...createTestIssuer().env }));
    expect(result).toEqual({ projection: 'consultations.read-models', version: 1, position: await service.store.headPosition() });
    expect(await snapshot()).toEqual(live);
  });
});
