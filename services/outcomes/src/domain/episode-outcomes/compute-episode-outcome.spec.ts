import type { OutcomeRuleSet } from '../rule-sets/outcome-rule-set';
import { ruleSetV1 } from '../rule-sets/v1.rule-set';
import { episode, weekly } from '../testing/episode-facts.builder';
import { computeEpisodeOutcome, recomputeEpisodeOutcomes } from './compute-episode-outcome';
import type { EpisodeFacts } from './episode-outcome';

const flagsOf = (facts: EpisodeFacts, ruleSet: OutcomeRuleSet = ruleSetV1) => computeEpisodeOutcome(facts, ruleSet).flags;
const values = (facts: EpisodeFacts, ruleSet: OutcomeRuleSet = ruleSetV1) =>
  Object.fromEntries(Object.entries(flagsOf(facts, ruleSet)).map(([name, flag]) => [name, flag.value]));

describe('episode outcomes: finished a course of treatment', () => {
  it.each([
    [false, 5, false, 'not finished: referral not ended (5 attended treatment appointments so far)'],
    [true, 0, false, 'not finished: referral ended after 0 attended treatment appointments (< 2)'],
    [true, 1, false, 'not finished: referral ended after 1 attended treatment appointment (< 2)'],
    [true, 2, true, 'finished a course of treatment: referral ended after 2 attended treatment appointments (≥ 2)'],
    [true, 3, true, 'finished a course of treatment: referral ended after 3 attended treatment appointments (≥ 2)'],
  ])('referral ended: %s, attended treatment appointments: %i → finished: %s', (ended, attended, finished, explanation) => {
    const flag = flagsOf(episode([14, 7], [9, 5], { referralEnded: ended, attendedTreatmentAppointments: attended })).finishedCourse;
    expect(flag).toEqual({ value: finished, explanation });
  });

  it.each([
    ['the referral has not ended', { referralEnded: false }, 'not finished: referral not ended (3 attended treatment appointments so far)'],
    ['the referral ended after one attended treatment appointment', { attendedTreatmentAppointments: 1 }, 'not finished: referral ended after 1 attended treatment appointment (< 2)'],
  ])('judges no end-of-treatment flag when %s, however good the scores', (_what, overrides, why) => {
    const flags = flagsOf(episode([14, 7], [9, 5], overrides));
    expect(values(episode([14, 7], [9, 5], overrides))).toMatchObject({
      finishedCourse: false,
      casenessAtStart: true,
      recovery: false,
      reliableImprovement: false,
      reliableDeterioration: false,
      reliableRecovery: false,
      noReliableChange: false,
    });
    expect(flags.recovery.explanation).toBe(`not recovered: not judged: ${why}`);
  });
});

describe('episode outcomes: caseness at start and recovery', () => {
  it('explains a recovery in words and numbers from the first and last scores', () => {
    expect(flagsOf(episode([14, 10, 7], [6, 6, 5])).recovery).toEqual({
      value: true,
      explanation: 'recovered: first PHQ-9 14 ≥ 10; last PHQ-9 7 < 10 and last GAD-7 5 < 8',
    });
  });

  it.each([
    [9, false, 'not at caseness at start: first PHQ-9 9 < 10 and first GAD-7 5 < 8', false, true, false],
    [10, true, 'at caseness at start: first PHQ-9 10 ≥ 10; first GAD-7 5 < 8', true, true, true],
    [11, true, 'at caseness at start: first PHQ-9 11 ≥ 10; first GAD-7 5 < 8', true, true, true],
  ])(
    'with a first PHQ-9 of %i (GAD-7 5 throughout, last PHQ-9 3): caseness %s',
    (firstPhq9, caseness, explanation, recovered, improved, reliablyRecovered) => {
      const facts = episode([firstPhq9, 3], [5, 5]);
      expect(flagsOf(facts).casenessAtStart).toEqual({ value: caseness, explanation });
      expect(values(facts)).toMatchObject({
        recovery: recovered,
        reliableImprovement: improved,
        reliableRecovery: reliablyRecovered,
      });
    },
  );

  it.each([
    [7, false, 'not at caseness at start: first PHQ-9 5 < 10 and first GAD-7 7 < 8'],
    [8, true, 'at caseness at start: first PHQ-9 5 < 10; first GAD-7 8 ≥ 8'],
    [9, true, 'at caseness at start: first PHQ-9 5 < 10; first GAD-7 9 ≥ 8'],
  ])('with a first GAD-7 of %i (PHQ-9 5 → 2): caseness %s', (firstGad7, caseness, explanation) => {
    const facts = episode([5, 2], [firstGad7, 3]);
    expect(flagsOf(facts).casenessAtStart).toEqual({ value: caseness, explanation });
    expect(flagsOf(facts).recovery.value).toBe(caseness);
  });

  it('does not count someone not at caseness at start as recovered, and says why', () => {
    const flags = flagsOf(episode([8, 2], [6, 1]));
    expect(flags.recovery).toEqual({
      value: false,
      explanation: 'not recovered: not at caseness at start: first PHQ-9 8 < 10 and first GAD-7 6 < 8',
    });
    expect(flags.reliableRecovery.value).toBe(false);
    expect(flags.reliableImprovement.value).toBe(true);
  });

  it.each([
    [9, 5, true],
    [10, 5, false],
    [5, 7, true],
    [5, 8, false],
  ])('with last scores PHQ-9 %i and GAD-7 %i (first 14 and 12): recovered %s', (lastPhq9, lastGad7, recovered) => {
    const flag = flagsOf(episode([14, lastPhq9], [12, lastGad7])).recovery;
    expect(flag.value).toBe(recovered);
    expect(flag.explanation).toBe(
      `${recovered ? 'recovered' : 'not recovered'}: first PHQ-9 14 ≥ 10 and first GAD-7 12 ≥ 8; ` +
        `last PHQ-9 ${lastPhq9} ${lastPhq9 >= 10 ? '≥' : '<'} 10 and last GAD-7 ${lastGad7} ${lastGad7 >= 8 ? '≥' : '<'} 8`,
    );
  });

  it('counts a recovery without reliable improvement as recovered but not reliably recovered', () => {
    expect(values(episode([11, 8], [5, 5]))).toMatchObject({
      recovery: true,
      reliableImprovement: false,
      reliableRecovery: false,
      noReliableChange: true,
    });
  });
});

describe('episode outcomes: reliable change', () => {
  it.each([
    ['PHQ-9', 'decrease', 5, [15, 10], [6, 6], false, false, true],
    ['PHQ-9', 'decrease', 6, [15, 9], [6, 6], true, false, false],
    ['PHQ-9', 'decrease', 7, [15, 8], [6, 6], true, false, false],
    ['PHQ-9', 'increase', 5, [10, 15], [6, 6], false, false, true],
    ['PHQ-9', 'increase', 6, [10, 16], [6, 6], false, true, false],
    ['PHQ-9', 'increase', 7, [10, 17], [6, 6], false, true, false],
    ['GAD-7', 'decrease', 3, [6, 6], [12, 9], false, false, true],
    ['GAD-7', 'decrease', 4, [6, 6], [12, 8], true, false, false],
    ['GAD-7', 'decrease', 5, [6, 6], [12, 7], true, false, false],
    ['GAD-7', 'increase', 3, [6, 6], [8, 11], false, false, true],
    ['GAD-7', 'increase', 4, [6, 6], [8, 12], false, true, false],
    ['GAD-7', 'increase', 5, [6, 6], [8, 13], false, true, false],
  ])(
    'a %s %s of %i points → improvement %s, deterioration %s, no change %s',
    (code, _direction, _points, phq9, gad7, improved, deteriorated, noChange) => {
      const outcome = computeEpisodeOutcome(episode(phq9, gad7), ruleSetV1);
      expect(values(episode(phq9, gad7))).toMatchObject({
        reliableImprovement: improved,
        reliableDeterioration: deteriorated,
        noReliableChange: noChange,
      });
      const pair = code === 'PHQ-9' ? outcome.depression : outcome.anxiety;
      expect(pair?.direction).toBe(
        improved ? 'reliable-decrease' : deteriorated ? 'reliable-increase' : 'no-reliable-change',
      );
    },
  );

  it('explains each measure change with the reliable-change value it was held against', () => {
    const flags = flagsOf(episode([15, 9], [12, 9]));
    expect(flags.reliableImprovement.explanation).toBe(
      'reliable improvement: PHQ-9 15 → 9 (-6, reliable decrease: 6 ≥ 6); GAD-7 12 → 9 (-3, no reliable change: 3 < 4)',
    );
    expect(flagsOf(episode([15, 10], [12, 9])).noReliableChange.explanation).toBe(
      'no reliable change: PHQ-9 15 → 10 (-5, no reliable change: 5 < 6); GAD-7 12 → 9 (-3, no reliable change: 3 < 4)',
    );
  });

  it.each([
    ['PHQ-9 improves and GAD-7 deteriorates', [16, 8], [5, 10], 'GAD-7'],
    ['GAD-7 improves and PHQ-9 deteriorates', [8, 15], [15, 5], 'PHQ-9'],
  ])('when %s: reliable deterioration, not improvement', (_what, phq9, gad7, worse) => {
    const facts = episode(phq9, gad7);
    expect(values(facts)).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: true,
      reliableRecovery: false,
      noReliableChange: false,
    });
    expect(flagsOf(facts).reliableImprovement.explanation).toMatch(
      new RegExp(`^no reliable improvement \\(a reliable increase on ${worse}\\): `),
    );
    expect(flagsOf(facts).reliableDeterioration.explanation).toMatch(new RegExp(`^reliable deterioration: ${worse} `));
  });

  it('explains a reliable recovery as a recovery and a reliable improvement', () => {
    expect(flagsOf(episode([14, 7], [9, 5])).reliableRecovery).toEqual({
      value: true,
      explanation:
        'reliable recovery: recovered: first PHQ-9 14 ≥ 10 and first GAD-7 9 ≥ 8; last PHQ-9 7 < 10 and last GAD-7 5 < 8; ' +
        'reliable improvement: PHQ-9 14 → 7 (-7, reliable decrease: 7 ≥ 6); GAD-7 9 → 5 (-4, reliable decrease: 4 ≥ 4)',
    });
  });
});

describe('episode outcomes: paired scores', () => {
  it('pairs the first and last scores by when they were taken, ignoring those between and the order recorded', () => {
    const phq9 = weekly('PHQ-9', 14, 20, 3, 8);
    const gad7 = weekly('GAD-7', 9, 15, 2, 6);
    const facts: EpisodeFacts = {
      measures: [phq9[3]!, gad7[2]!, phq9[1]!, gad7[0]!, phq9[0]!, gad7[3]!, phq9[2]!, gad7[1]!],
      attendedTreatmentAppointments: 4,
      referralEnded: true,
      problemDescriptor: null,
    };
    const outcome = computeEpisodeOutcome(facts, ruleSetV1);
    expect([outcome.depression?.first.total, outcome.depression?.last.total]).toEqual([14, 8]);
    expect([outcome.anxiety?.first.total, outcome.anxiety?.last.total]).toEqual([9, 6]);
    expect(outcome.pairedScores).toBe(true);
  });

  it('judges no end-of-treatment flag without a pair of GAD-7 scores, yet knows the caseness at start', () => {
    const outcome = computeEpisodeOutcome(episode([14, 7], [9]), ruleSetV1);
    expect(outcome.pairedScores).toBe(false);
    expect(outcome.anxiety).toBeNull();
    expect(outcome.flags.casenessAtStart.value).toBe(true);
    expect(outcome.flags.recovery).toEqual({
      value: false,
      explanation: 'not recovered: not judged: no pair of GAD-7 scores (1 recorded)',
    });
    expect(outcome.flags.noReliableChange.value).toBe(false);
  });

  it('judges no end-of-treatment flag with no PHQ-9 scores at all', () => {
    const outcome = computeEpisodeOutcome(episode([], [9, 5]), ruleSetV1);
    expect(outcome.flags.casenessAtStart.explanation).toBe('at caseness at start: no PHQ-9 score; first GAD-7 9 ≥ 8');
    expect(outcome.flags.reliableImprovement.explanation).toBe(
      'no reliable improvement: not judged: no pair of PHQ-9 scores (0 recorded)',
    );
  });
});

describe('episode outcomes: the anxiety measure', () => {
  // A made-up measure and thresholds, only to show how a supported disorder-specific measure would be used.
  const withTestMeasure: OutcomeRuleSet = {
    ...ruleSetV1,
    version: 'test-adsm',
    measures: { ...ruleSetV1.measures, 'TEST-SAD': { caseness: 20, reliableChange: 10 } },
    anxietyDisorderMeasures: { ...ruleSetV1.anxietyDisorderMeasures, 'social-anxiety-disorder': 'TEST-SAD' },
  };
  const socialAnxiety = { anxietyDisorder: 'social-anxiety-disorder' as const };

  it.each([
    ['no problem descriptor', null, 'GAD-7: no problem descriptor recorded'],
    ['a descriptor naming no anxiety disorder', { anxietyDisorder: null }, 'GAD-7: the problem descriptor names no specific anxiety disorder'],
    ['generalised anxiety disorder', { anxietyDisorder: 'generalised-anxiety-disorder' as const }, 'GAD-7: the measure specific to generalised anxiety disorder'],
    [
      'social anxiety disorder, whose SPIN is not yet supported',
      socialAnxiety,
      'GAD-7: the problem descriptor names social anxiety disorder, but its measure SPIN is not yet supported under rule set v1 (no authoritative cut-offs)',
    ],
    [
      'post-traumatic stress disorder, whose PCL-5 is not yet supported',
      { anxietyDisorder: 'post-traumatic-stress-disorder' as const },
      'GAD-7: the problem descriptor names post traumatic stress disorder, but its measure PCL-5 is not yet supported under rule set v1 (no authoritative cut-offs)',
    ],
  ])('uses GAD-7 under v1 for %s', (_what, problemDescriptor, reason) => {
    const facts = episode([14, 7], [9, 5], { problemDescriptor });
    const withSpin = { ...facts, measures: [...facts.measures, ...weekly('SPIN', 40, 20)] };
    expect(computeEpisodeOutcome(withSpin, ruleSetV1).anxietyMeasure).toEqual({ code: 'GAD-7', reason });
  });

  it('uses a supported disorder-specific measure with a pair of scores, and its own cut-off', () => {
    const facts = episode([14, 7], [9, 5], { problemDescriptor: socialAnxiety });
    const withMeasure = { ...facts, measures: [...facts.measures, ...weekly('TEST-SAD', 30, 21)] };
    const outcome = computeEpisodeOutcome(withMeasure, withTestMeasure);
    expect(outcome.anxietyMeasure).toEqual({
      code: 'TEST-SAD',
      reason: 'TEST-SAD: the measure specific to social anxiety disorder, with a pair of scores',
    });
    expect(outcome.flags.recovery).toEqual({
      value: false,
      explanation: 'not recovered: first PHQ-9 14 ≥ 10 and first TEST-SAD 30 ≥ 20; last PHQ-9 7 < 10 and last TEST-SAD 21 ≥ 20',
    });
  });

  it('falls back to GAD-7 when the disorder-specific measure has no pair, and says so', () => {
    const facts = episode([14, 7], [9, 5], { problemDescriptor: socialAnxiety });
    const withOne = { ...facts, measures: [...facts.measures, ...weekly('TEST-SAD', 30)] };
    const outcome = computeEpisodeOutcome(withOne, withTestMeasure);
    expect(outcome.anxietyMeasure).toEqual({
      code: 'GAD-7',
      reason: 'GAD-7: the problem descriptor names social anxiety disorder, but there is no pair of TEST-SAD scores (1 recorded)',
    });
    expect(outcome.flags.recovery.value).toBe(true);
  });
});

describe('episode outcomes: not on track', () => {
  const open = (phq9: number[], gad7: number[], attended: number) =>
    episode(phq9, gad7, { referralEnded: false, attendedTreatmentAppointments: attended });

  it.each([
    ['3 sessions without reliable improvement', open([15, 13], [10, 10], 3), false,
      'on track: 3 attended treatment sessions (< 4) and no reliable deterioration: PHQ-9 15 → 13 (-2, no reliable change: 2 < 6); GAD-7 10 → 10 (0, no reliable change: 0 < 4)'],
    ['4 sessions without reliable improvement', open([15, 13], [10, 10], 4), true,
      'not on track: 4 attended treatment sessions (≥ 4) without reliable improvement: PHQ-9 15 → 13 (-2, no reliable change: 2 < 6); GAD-7 10 → 10 (0, no reliable change: 0 < 4)'],
    ['5 sessions without reliable improvement', open([15, 13], [10, 10], 5), true, undefined],
    ['5 sessions with reliable improvement', open([15, 9], [10, 10], 5), false,
      'on track: reliable improvement: PHQ-9 15 → 9 (-6, reliable decrease: 6 ≥ 6); GAD-7 10 → 10 (0, no reliable change: 0 < 4)'],
    ['a reliable deterioration after 1 session', open([10, 10], [8, 12], 1), true,
      'not on track: reliable deterioration: GAD-7 8 → 12 (+4, reliable increase: 4 ≥ 4)'],
    ['a reliable deterioration on one measure despite improvement on the other', open([16, 8], [5, 10], 2), true, undefined],
    ['4 sessions with no paired scores', open([15], [], 4), true,
      'not on track: 4 attended treatment sessions (≥ 4) without reliable improvement: no paired scores yet'],
  ])('with %s: not on track %s', (_what, facts, notOnTrack, explanation) => {
    const flag = flagsOf(facts).notOnTrack;
    expect(flag.value).toBe(notOnTrack);
    if (explanation !== undefined) expect(flag.explanation).toBe(explanation);
  });
});

describe('episode outcomes: rule sets and history', () => {
  // A hypothetical later rule set, only to show that results are per rule set.
  const v2: OutcomeRuleSet = {
    ...ruleSetV1,
    version: 'v2',
    effectiveFrom: '2027-04-01',
    measures: { ...ruleSetV1.measures, 'PHQ-9': { caseness: 10, reliableChange: 7 } },
    notOnTrackAfterSessions: 6,
  };

  it('names the rule set each outcome was computed under', () => {
    expect(computeEpisodeOutcome(episode([14, 7], [9, 5]), ruleSetV1).ruleSetVersion).toBe('v1');
  });

  it('recomputes history under a second rule set without changing the facts or the first set’s results', () => {
    const history = [
      { episodeId: 'e-1', facts: Object.freeze(episode([15, 9], [10, 10])) },
      { episodeId: 'e-2', facts: Object.freeze(episode([14, 7], [9, 5])) },
    ];
    const before = JSON.stringify(history);
    const underV1 = recomputeEpisodeOutcomes(history, ruleSetV1);
    const underV2 = recomputeEpisodeOutcomes(history, v2);

    expect(underV1.map((r) => [r.episodeId, r.outcome.ruleSetVersion, r.outcome.flags.reliableImprovement.value])).toEqual([
      ['e-1', 'v1', true],
      ['e-2', 'v1', true],
    ]);
    expect(underV2.map((r) => [r.episodeId, r.outcome.ruleSetVersion, r.outcome.flags.reliableImprovement.value])).toEqual([
      ['e-1', 'v2', false],
      ['e-2', 'v2', true],
    ]);
    expect(recomputeEpisodeOutcomes(history, ruleSetV1)).toEqual(underV1);
    expect(JSON.stringify(history)).toBe(before);
  });
});

describe('episode outcomes: refused facts', () => {
  it.each([
    ['a negative appointment count', { attendedTreatmentAppointments: -1 }],
    ['a fractional appointment count', { attendedTreatmentAppointments: 1.5 }],
    ['a score that is not a number', { measures: [{ code: 'PHQ-9', total: Number.NaN, takenAt: '2026-01-05' }] }],
    ['a score with no valid date', { measures: [{ code: 'PHQ-9', total: 12, takenAt: 'last Tuesday' }] }],
  ])('refuses %s as INVALID_EPISODE_FACTS', (_what, overrides) => {
    expect(() => computeEpisodeOutcome(episode([14, 7], [9, 5], overrides), ruleSetV1)).toThrow(
      expect.objectContaining({ code: 'INVALID_EPISODE_FACTS' }),
    );
  });
});
