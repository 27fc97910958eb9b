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
      notAtCasenessWithPairedScores: 1,
      casenessUnknown: 0,
      recovered: 2,
      reliablyImproved: 2,
      reliablyRecovered: 1,
      reliablyDeteriorated: 1,
      noReliableChange: 2,
    });
    const pick = (r: { numerator: number; denominator: number }) => [r.numerator, r.denominator];
    expect(pick(metrics.recovery)).toEqual([2, 5]);
    expect(pick(metrics.reliableImprovement)).toEqual([2, 6]);
    expect(pick(metrics.reliableRecovery)).toEqual([1, 5]);
    expect(pick(metrics.reliableDeterioration)).toEqual([1, 6]);
    expect(pick(metrics.noReliableChange)).toEqual([2, 6]);
    expect(pick(metrics.pairedScoreCompleteness)).toEqual([5, 6]);
    expect(metrics.recovery).toMatchObject({ percent: 40, meetsStandard: false });
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

describe('service outcome metrics: national definitions (issue 12)', () => {
  it('H-M1: forms the reliable recovery rate over finished courses at caseness at start, not over all finished courses', () => {
    // NHS England monthly statistics: 26,457 of 54,672 at caseness at start reliably recovered (48.4%).
    const metrics = outcomeRates(
      {
        ...emptyCounts,
        episodes: 57_000,
        finishedCourses: 57_000,
        notAtCasenessAtStart: 57_000 - 54_672,
        reliablyRecovered: 26_457,
      },
      ruleSetV1,
    );
    expect(metrics.reliableRecovery).toMatchObject({ numerator: 26_457, denominator: 54_672, percent: 48.4 });
    // Reliable improvement stays over every finished course.
    expect(metrics.reliableImprovement.denominator).toBe(57_000);
  });

  it('H-M2: keeps a finished course with no first score in the recovery denominators as caseness unknown', () => {
    const noFirstScores = outcomeOf([], [], { attendedTreatmentAppointments: 4 });
    const onlyPhq9BelowCaseness = outcomeOf([6], []);
    expect(noFirstScores.casenessAtStartState).toBe('unknown');
    expect(onlyPhq9BelowCaseness.casenessAtStartState).toBe('unknown');
    expect(notAtCaseness.casenessAtStartState).toBe('not-at');
    expect(reliablyRecovered.casenessAtStartState).toBe('at');
    expect(noFirstScores.flags.casenessAtStart.explanation).toBe('caseness at start unknown: no PHQ-9 score and no GAD-7 score');

    const metrics = summariseOutcomes([reliablyRecovered, noFirstScores, onlyPhq9BelowCaseness, notAtCaseness], ruleSetV1);
    expect(metrics.counts).toMatchObject({ finishedCourses: 4, notAtCasenessAtStart: 1, casenessUnknown: 2 });
    // 1 recovered over (4 finished − 1 not at caseness): the two unknown stay in.
    expect(metrics.recovery).toMatchObject({ numerator: 1, denominator: 3, percent: 33.3 });
    expect(metrics.reliableRecovery).toMatchObject({ numerator: 1, denominator: 3 });
    // Unknown caseness and paired-score completeness are reported beside each rate.
    expect(metrics.recovery.completeness).toEqual({ casenessUnknown: 2, withPairedScores: 1, pairedScorePercent: 33.3 });
    expect(metrics.reliableImprovement.completeness).toEqual({ casenessUnknown: 2, withPairedScores: 2, pairedScorePercent: 50 });
    expect(metrics.noReliableChange.completeness?.casenessUnknown).toBe(2);
  });

  it('H-M2: reads an outcome kept before the three-valued state from its flag', () => {
    const { casenessAtStartState: _dropped, ...legacy } = notAtCaseness;
    expect(summariseOutcomes([legacy], ruleSetV1).counts.notAtCasenessAtStart).toBe(1);
  });

  it('H-M7: puts the national standard beside recovery, reliable improvement and reliable recovery, as data in the rule set', () => {
    const metrics = summariseOutcomes([reliablyRecovered, recoveredOnly, unchanged], ruleSetV1);
    expect(metrics.recovery.standard).toMatchObject({ atLeast: 0.5 });
    expect(metrics.reliableImprovement.standard).toMatchObject({ atLeast: 0.69, period: '2026/27' });
    expect(metrics.reliableRecovery.standard).toMatchObject({ atLeast: 0.51, period: '2026/27' });
    for (const standard of Object.values(ruleSetV1.standards)) expect(standard?.source).toMatch(/NHS England/);
    // 1 reliably recovered of 3 at caseness (33.3%) is below 51%; 1 reliably improved of 3 is below 69%.
    expect(metrics.reliableRecovery.meetsStandard).toBe(false);
    expect(metrics.reliableImprovement.meetsStandard).toBe(false);
  });
});
