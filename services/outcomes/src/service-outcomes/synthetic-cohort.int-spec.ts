import { users } from '@stepwell/access/testing';
import { runEpisode } from '../testing/episode-scenario';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';
import {
  expectedSecondaryCareFigures,
  expectedTalkingTherapiesFigures,
  SECONDARY_CARE_ORG,
  syntheticCohort,
  TALKING_THERAPIES_ORG,
} from '../testing/synthetic-cohort.fixture';

/**
 * The service's figures for the fixed synthetic cohort (testing/synthetic-cohort.fixture.ts) match the rates
 * worked out by hand there, to the unit: issue 12 items 1, 2, 4 and 7 together, through HTTP and the read models.
 */
describe('GET /metrics/outcomes for the synthetic cohort', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('synthetic_cohort');
    for (const episode of syntheticCohort) {
      await runEpisode(service, episode.sessions, {
        discharged: episode.discharged,
        ...(episode.stepUpToSecondaryCareAfter !== undefined
          ? { stepUp: { afterSessions: episode.stepUpToSecondaryCareAfter, toOrganisationId: SECONDARY_CARE_ORG } }
          : {}),
      });
    }
  }, 180_000);
  afterAll(() => service.close());

  const figuresOf = async (organisation: string) =>
    (await (await service.as(users.commissioner)).get(`/metrics/outcomes?organisation=${organisation}&from=2026-01-01&to=2026-12-31`).expect(200)).body;

  it("H-M9: gives the Talking Therapies provider's national figures exactly as worked out by hand", async () => {
    const { metrics } = await figuresOf(TALKING_THERAPIES_ORG);
    const expected = expectedTalkingTherapiesFigures;
    expect(metrics.counts).toEqual(expected.counts);
    expect(metrics.recovery).toMatchObject(expected.recovery);
    expect(metrics.reliableRecovery).toMatchObject(expected.reliableRecovery);
    expect(metrics.reliableImprovement).toMatchObject(expected.reliableImprovement);
    expect(metrics.reliableDeterioration).toMatchObject(expected.reliableDeterioration);
    expect(metrics.noReliableChange).toMatchObject(expected.noReliableChange);
    expect(metrics.pairedScoreCompleteness).toMatchObject(expected.pairedScoreCompleteness);
  });

  it('H-M4: credits a course to the Talking Therapies provider; a later step up to secondary care does not move it', async () => {
    const secondary = await figuresOf(SECONDARY_CARE_ORG);
    expect(secondary.metrics.counts).toMatchObject(expectedSecondaryCareFigures.national);
    // The whole journey is a separate local measure, labelled as such.
    expect(secondary.localWholeJourney.label).toMatch(/^Local measure \(not the national definition\)/);
    expect(secondary.localWholeJourney.metrics.counts).toMatchObject(expectedSecondaryCareFigures.localWholeJourney);
  });
});
