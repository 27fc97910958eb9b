import { ruleSets, ruleSetV1, type OutcomeRuleSet } from '../domain';
import { RULE_SETS } from '../shared/rule-set-registry.provider';
import { runEpisode } from '../testing/episode-scenario';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { recomputeOutcomes } from './recompute-outcomes';

/** A second rule set for the test: a lower PHQ-9 caseness cut-off (8), so the same facts give another verdict. */
const testV2: OutcomeRuleSet = {
  ...ruleSetV1,
  version: 'test-v2',
  effectiveFrom: '2099-01-01',
  description: 'test only: PHQ-9 caseness 8',
  measures: { ...ruleSetV1.measures, 'PHQ-9': { caseness: 8, reliableChange: 6 } },
};

describe('recompute under a second rule set', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('recompute', [{ provide: RULE_SETS, useValue: ruleSets.with(testV2) }]);
  });
  afterAll(() => service.close());

  const endedEpisode = async (scores: Array<[number, number]>) => (await runEpisode(service, scores)).episodeId;

  it('keeps the v1 result intact and queryable while the second set gives its own, writing no event', async () => {
    // PHQ-9 9 → 6 and GAD-7 7 → 5: below both v1 cut-offs at the start, but at PHQ-9 caseness under test-v2.
    const episodeId = await endedEpisode([[9, 7], [8, 6], [6, 5]]);
    const v1Before = await service.http().get(`/episodes/${episodeId}/outcomes?ruleSet=v1`).expect(200);
    expect(v1Before.body).toMatchObject({ basis: 'recorded', ruleSetVersion: 'v1' });
    expect(v1Before.body.outcome.flags.recovery.value).toBe(false);
    const eventsBefore = await service.allEvents();

    const report = await recomputeOutcomes(service.dataSource, testV2, new Date('2026-11-21T12:00:00.000Z'));
    expect(report).toMatchObject({ ruleSetVersion: 'test-v2' });
    expect(report.episodes).toBeGreaterThanOrEqual(1);

    const v2 = await service.http().get(`/episodes/${episodeId}/outcomes?ruleSet=test-v2`).expect(200);
    expect(v2.body).toMatchObject({ basis: 'recorded', ruleSetVersion: 'test-v2', computedAt: '2026-11-21T12:00:00.000Z' });
    expect(v2.body.outcome.flags.recovery).toEqual({
      value: true,
      explanation: 'recovered: first PHQ-9 9 ≥ 8; last PHQ-9 6 < 8 and last GAD-7 5 < 8',
    });

    const v1After = await service.http().get(`/episodes/${episodeId}/outcomes?ruleSet=v1`).expect(200);
    expect(v1After.body).toEqual(v1Before.body);
    // The default is still the rule set in force when the episode ended.
    expect((await service.http().get(`/episodes/${episodeId}/outcomes`).expect(200)).body.ruleSetVersion).toBe('v1');
    // Only the access trail of the reads above grew: no domain event was written or rewritten.
    const notAccess = (events: typeof eventsBefore) => events.filter((e) => !e.streamId.startsWith('access-'));
    expect(notAccess(await service.allEvents())).toEqual(notAccess(eventsBefore));
  });

  it('recomputes again idempotently: same rows, one per episode and rule set', async () => {
    await endedEpisode([[14, 12], [7, 5]]);
    await recomputeOutcomes(service.dataSource, testV2, new Date('2026-11-21T12:00:00.000Z'));
    const first = await service.dataSource.query(`SELECT episode_id, rule_set_version, outcome FROM "outcomes"."episode_outcome" ORDER BY 1, 2`);
    await recomputeOutcomes(service.dataSource, testV2, new Date('2026-11-21T12:00:00.000Z'));
    expect(await service.dataSource.query(`SELECT episode_id, rule_set_version, outcome FROM "outcomes"."episode_outcome" ORDER BY 1, 2`)).toEqual(first);
  });
});
