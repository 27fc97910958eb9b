import { createTestIssuer } from '@stepwell/access/testing';
import { loadOutcomesConfig } from '../config';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { runEpisode } from '../testing/episode-scenario';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { rebuildOutcomesReadModels } from './rebuild-read-models';

const phq9 = findQuestionnaire('PHQ-9');

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
    // Two sessions with both measures, then the discharge (its recorded outcome); and an open episode with a risk alert.
    await runEpisode(service, [[16, 13], [9, 7]]);
    const open = await runEpisode(service, [], { discharged: false });
    await service
      .http()
      .post(`/patients/${open.patient}/responses`)
      .send({ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId: open.episodeId, completedBy: 'patient', answers: answersTotalling(phq9, 12, { 'phq9-9': 2 }) })
      .expect(201);
    await service.settled();

    const live = await snapshot();
    expect(live['measure_score']).toHaveLength(5);
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
