import { computeEpisodeOutcome } from '../episode-outcomes/compute-episode-outcome';
import type { EpisodeOutcome } from '../episode-outcomes/episode-outcome';
import { ruleSetV1 } from '../rule-sets/v1.rule-set';
import { episode } from '../testing/episode-facts.builder';
import { emptyCounts, outcomeRates, rate, summariseOutcomes, summariseOutcomesBy } from './summarise-outcomes';

const outcomeOf = (...args: Parameters<typeof episode>) => computeEpisodeOutcome(episode(...args), ruleSetV1);
// Finished courses of each kind.
const reliablyRecovered = outcomeOf([14, 7], [9, 5]);
const recoveredOnly = outcomeOf([11, 8], [5, 5]);
const notAtCaseness = outcomeOf([8, 2], [6, 1]);
const unchanged = outcomeOf([15, 13], [10, 10]);
const deteriorated = outcomeOf([16, 8], [5, 10]);
const unpaired = outcomeOf([14, 7], [9]);
// Not finished: never counted in a rate.
const stillOpen = outcomeOf([14, 7], [9, 5], { referralEnded: false });
const oneSession = outcomeOf([14, 7], [9, 5], { attendedTreatmentAppointments: 1 });

const repeat = (outcome: EpisodeOutcome, times: number) => Array.from({ length: times }, () => outcome);

describe('service outcome metrics', () => {
  it('reproduces the national example: 27,884 recovered / (57,060 finished − 3,200 not at caseness) = 51.8%', () => {
    const metrics = outcomeRates(
      { ...emptyCounts, episodes: 57_060, finishedCourses: 57_060, notAtCasenessAtStart: 3_200, recovered: 27_884 },
      ruleSetV1,
    );
    expect(metrics.recovery).toMatchObject({ numerator: 27_884, denominator: 53_860, percent: 51.8, meetsStandard: true });
    expect(metrics.recovery.standard?.atLeast).toBe(0.5);
  });

  it('reaches the same 51.8% from the episodes’ own flags', () => {
    const outcomes = [
      ...repeat(recoveredOnly, 27_884),
      ...repeat(notAtCaseness, 3_200),
      ...repeat(unchanged, 57_060 - 27_884 - 3_200),
      ...repeat(stillOpen, 500),
    ];
    const metrics = summariseOutcomes(outcomes, ruleSetV1);
    expect(metrics.counts).toMatchObject({ episodes: 57_560, finishedCourses: 57_060, notAtCasenessAtStart: 3_200 });
    expect(metrics.recovery.percent).toBe(51.8);
  });

  it('forms every rate over finished courses only, with the recovery denominator less those not at caseness', () => {
    const metrics = summariseOutcomes(
      [reliablyRecovered, recoveredOnly, notAtCaseness, unchanged, deteriorated, unpaired, stillOpen, oneSession],
      ruleSetV1,
    );
    expect(metrics.counts).toEqual({
      episodes: 8,
      finishedCourses: 6,
      finishedWithPairedScores: 5,
      notAtCasenessAtStart: 1,
      recovered: 2,
      reliablyImproved: 2,
      reliablyRecovered: 1,
      reliablyDeteriorated: 1,
      noReliableChange: 2,
    });
    const pick = (r: { numerator: number; denominator: number }) => [r.numerator, r.denominator];
    expect(pick(metrics.recovery)).toEqual([2, 5]);
    expect(pick(metrics.reliableImprovement)).toEqual([2, 6]);
    expect(pick(metrics.reliableRecovery)).toEqual([1, 6]);
    expect(pick(metrics.reliableDeterioration)).toEqual([1, 6]);
    expect(pick(metrics.noReliableChange)).toEqual([2, 6]);
    expect(pick(metrics.pairedScoreCompleteness)).toEqual([5, 6]);
    expect(metrics.recovery).toMatchObject({ percent: 40, meetsStandard: false });
    expect(metrics.reliableImprovement.standard).toBeNull();
    expect(metrics.ruleSetVersion).toBe('v1');
  });

  it.each([
    [1, 2, 50, true],
    [4_999, 10_000, 50, false],
    [5_000, 10_000, 50, true],
  ])('judges %i of %i (%d%) against the 50% recovery standard: meets %s', (numerator, denominator, percent, meets) => {
    expect(rate(numerator, denominator, ruleSetV1.standards.recovery)).toMatchObject({ percent, meetsStandard: meets });
  });

  it('gives no rate, and no verdict against the standard, when nobody has finished a course', () => {
    const metrics = summariseOutcomes([stillOpen], ruleSetV1);
    expect(metrics.recovery).toMatchObject({ numerator: 0, denominator: 0, rate: null, percent: null, meetsStandard: null });
  });

  it('groups the same rates by practice, counting each group on its own', () => {
    const groups = summariseOutcomesBy(
      [
        { group: 'practice-a', outcome: reliablyRecovered },
        { group: 'practice-b', outcome: unchanged },
        { group: 'practice-a', outcome: unchanged },
      ],
      ruleSetV1,
    );
    expect(groups.map((g) => [g.group, g.metrics.recovery.numerator, g.metrics.recovery.denominator])).toEqual([
      ['practice-a', 1, 2],
      ['practice-b', 0, 1],
    ]);
  });

  it('refuses to summarise outcomes computed under another rule set', () => {
    const other = { ...ruleSetV1, version: 'v2', effectiveFrom: '2027-04-01' };
    expect(() => summariseOutcomes([reliablyRecovered, computeEpisodeOutcome(episode([14, 7], [9, 5]), other)], ruleSetV1)).toThrow(
      expect.objectContaining({ code: 'MIXED_RULE_SETS' }),
    );
  });
});
