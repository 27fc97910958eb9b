import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import type { NationalDataOptOutChangedV1 } from '@stepwell/contracts';
import type { IntegrationEvent } from '@stepwell/messaging';
import { OutcomesOptOutConsumer } from '../integration/episode-events.consumer';
import { runEpisode } from '../testing/episode-scenario';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

describe('GET /metrics/outcomes', () => {
  let service: OutcomesTestApp;
  let recoveredPerson: { patient: string; episodeId: string };
  beforeAll(async () => {
    service = await startOutcomesTestApp('service_outcomes');
    recoveredPerson = await runEpisode(service, [[14, 12], [10, 9], [7, 5]], { step: 'step-2' }); // recovered, reliably improved
    await runEpisode(service, [[9, 7], [6, 5]], { step: 'step-2' }); // not at caseness at start
    await runEpisode(service, [[15, 13], [14, 12]], { step: 'step-3' }); // not recovered, no reliable change
    await runEpisode(service, [[16, 14]], { step: 'step-3', discharged: true }); // one session: not a finished course
    await runEpisode(service, [[12, 10], [8, 6]], { discharged: false }); // still open: not counted
    await runEpisode(service, [[14, 12], [6, 4]], { dischargedAt: '2027-02-01T09:00:00.000Z' }); // outside the period
  });
  afterAll(() => service.close());

  it('reports the rates with numerators, denominators and the national standard, over episodes ended in the period', async () => {
    const response = await service.http().get('/metrics/outcomes?from=2026-01-01&to=2026-12-31').expect(200);
    const { metrics } = response.body;
    expect(response.body).toMatchObject({ organisationId: THERAPIST.org, ruleSetVersion: 'v1', groupBy: null, groups: [] });
    expect(metrics.counts).toMatchObject({ episodes: 4, finishedCourses: 3, notAtCasenessAtStart: 1, recovered: 1, finishedWithPairedScores: 3 });
    // Recovery: 1 / (3 finished − 1 not at caseness) = 50%, meeting the 50% standard.
    expect(metrics.recovery).toMatchObject({ numerator: 1, denominator: 2, percent: 50, standard: { atLeast: 0.5 }, meetsStandard: true });
    expect(metrics.reliableImprovement).toMatchObject({ numerator: 1, denominator: 3 });
    expect(metrics.pairedScoreCompleteness).toMatchObject({ numerator: 3, denominator: 3, percent: 100 });
  });

  it('groups by step where the step is known, and says a dimension it does not hold is not known', async () => {
    const byStep = await service.http().get('/metrics/outcomes?from=2026-01-01&to=2026-12-31&groupBy=step').expect(200);
    expect(byStep.body.groups.map((g: { group: string; metrics: { counts: { episodes: number } } }) => [g.group, g.metrics.counts.episodes])).toEqual([
      ['step-2', 2],
      ['step-3', 2],
    ]);
    const byEthnicity = await service.http().get('/metrics/outcomes?groupBy=ethnicity').expect(200);
    expect(byEthnicity.body.groups.map((g: { group: string }) => g.group)).toEqual(['not-known']);
    expect(byEthnicity.body.note).toContain('not held');
  });

  it('names no patient in the response', async () => {
    const response = await service.http().get('/metrics/outcomes').expect(200);
    expect(JSON.stringify(response.body)).not.toMatch(/p-[0-9a-f]{8}-/);
  });

  it("lets a commissioner read any provider's aggregates but not a provider another's", async () => {
    await (await service.as(users.commissioner)).get(`/metrics/outcomes?organisation=${THERAPIST.org}`).expect(200);
    await (await service.as(users.crisisClinician)).get(`/metrics/outcomes?organisation=${THERAPIST.org}`).expect(403);
  });

  it('answers 400 to an unknown grouping or a malformed date and 404 to an unknown rule set', async () => {
    await service.http().get('/metrics/outcomes?groupBy=postcode').expect(400);
    await service.http().get('/metrics/outcomes?from=last-week').expect(400);
    await service.http().get('/metrics/outcomes?ruleSet=v9').expect(404);
  });

  it('refuses a link worker', async () => {
    await (await service.as(users.linkWorker)).get('/metrics/outcomes').expect(403);
  });

  it('leaves a person with a national data opt-out out of every aggregate, never out of their own care, and counts them again when they opt back in', async () => {
    const consumer = service.app.get(OutcomesOptOutConsumer) as { onOptOutChanged(event: IntegrationEvent<NationalDataOptOutChangedV1>): Promise<void> };
    const optOut = (optedOut: boolean, changedAt: string): IntegrationEvent<NationalDataOptOutChangedV1> => ({
      messageId: randomUUID(),
      type: 'referrals.national-data-opt-out-changed',
      version: 1,
      source: 'referrals',
      patientSubjectId: recoveredPerson.patient,
      occurredAt: changedAt,
      correlationId: randomUUID(),
      causationId: null,
      data: { optedOut, source: 'national-data-opt-out-service', changedAt },
    });
    const counts = async () => (await service.http().get('/metrics/outcomes?from=2026-01-01&to=2026-12-31').expect(200)).body.metrics.counts;
    const wholeJourney = async () => (await service.http().get('/metrics/outcomes').expect(200)).body.localWholeJourney.metrics.counts.episodes as number;
    expect(await counts()).toMatchObject({ episodes: 4, recovered: 1 });
    const wholeBefore = await wholeJourney();
    expect(wholeBefore).toBeGreaterThan(0);

    const out = optOut(true, '2026-06-01T09:00:00.000Z');
    await consumer.onOptOutChanged(out);
    await consumer.onOptOutChanged(out); // a redelivery changes nothing
    expect(await counts()).toMatchObject({ episodes: 3, recovered: 0 });
    expect(await wholeJourney()).toBe(wholeBefore - 1);
    // Direct care: the person's own episode outcome is still there for their clinicians.
    const own = await service.http().get(`/episodes/${recoveredPerson.episodeId}/outcomes`).expect(200);
    expect(own.body.outcome.flags.recovery.value).toBe(true);

    await consumer.onOptOutChanged(optOut(false, '2026-07-01T09:00:00.000Z'));
    // The older opt-out delivered late does not win over the newer opt-back-in.
    await consumer.onOptOutChanged(optOut(true, '2026-06-15T09:00:00.000Z'));
    expect(await counts()).toMatchObject({ episodes: 4, recovered: 1 });
  });
});
