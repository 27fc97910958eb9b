import { randomUUID } from 'node:crypto';
import { createTestIssuer } from '@stepwell/access';
import { loadOutcomesConfig } from '../config';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { rebuildOutcomesReadModels } from './rebuild-read-models';

const phq9 = findQuestionnaire('PHQ-9');
const gad7 = findQuestionnaire('GAD-7');

const TABLES = {
  measure_score: 'response_id',
  risk_alert: 'alert_id',
  episode: 'episode_id',
  episode_outcome: 'episode_id, rule_set_version',
} as const;

describe('rebuilding the outcomes read models', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('outcomes_rebuild');
  });
  afterAll(() => service.close());

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES)) tables[table] = await service.dataSource.query(`SELECT * FROM "outcomes"."${table}" ORDER BY ${key}`);
    return tables;
  }

  it('gives the same scores, risk alerts, episodes and outcomes as the live projection, from the event store alone', async () => {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const post = (code: 'PHQ-9' | 'GAD-7', total: number, appointmentId: string, item9 = 0) =>
      service
        .http()
        .post(`/patients/${patient}/responses`)
        .send({
          questionnaireCode: code,
          questionnaireVersion: '1',
          episodeId,
          appointmentId,
          completedBy: 'patient',
          answers: code === 'PHQ-9' ? answersTotalling(phq9, total, { 'phq9-9': item9 }) : answersTotalling(gad7, total),
        })
        .expect(201);
    for (const [phq, gad, item9] of [[16, 13, 1], [9, 7, 0]] as const) {
      const { data } = await service.deliver.attended(patient, { episodeId });
      await post('PHQ-9', phq, data.appointmentId, item9);
      await post('GAD-7', gad, data.appointmentId);
    }
    await service.deliver.discharged(patient, { episodeId });
    await service.settled();

    const live = await snapshot();
    expect(live['measure_score']).toHaveLength(4);
    expect(live['risk_alert']).toHaveLength(1);
    expect(live['episode_outcome']).toHaveLength(1);

    // Wreck the tables, then rebuild them the way `npm run rebuild -- outcomes` does.
    for (const table of ['measure_score', 'risk_alert']) await service.dataSource.query(`DELETE FROM "outcomes"."${table}"`);
    const issuer = createTestIssuer();
    const [result] = await rebuildOutcomesReadModels(loadOutcomesConfig(undefined, { DATABASE_URL: service.database.url, ...issuer.env }));
    expect(result).toEqual({ projection: 'outcomes.read-models', version: 1, position: await service.store.headPosition() });
    expect(await snapshot()).toEqual(live);
  });
});
