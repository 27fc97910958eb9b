/**
 * A fixed synthetic cohort for the service outcome figures (issue 12 "done when"), with the expected rates worked
 * out by hand below. Rule set v1: PHQ-9 caseness ≥ 10, reliable change ≥ 6; GAD-7 caseness ≥ 8, reliable change
 * ≥ 4; a finished course is ≥ 2 attended treatment appointments. Each session is [PHQ-9, GAD-7], or null for an
 * attended session with no measures taken. All episodes open at step 2 at the Talking Therapies provider RXT01.
 */
export interface CohortEpisode {
  readonly name: string;
  readonly sessions: ReadonlyArray<readonly [phq9: number, gad7: number] | null>;
  readonly discharged: boolean;
  /** Step up to secondary care at SECONDARY_CARE_ORG after this many sessions; later sessions are held there. */
  readonly stepUpToSecondaryCareAfter?: number;
  /** What the national definition makes of it, by hand. */
  readonly why: string;
}

export const TALKING_THERAPIES_ORG = 'RXT01';
export const SECONDARY_CARE_ORG = 'RSC01';

export const syntheticCohort: readonly CohortEpisode[] = [
  { name: 'A', sessions: [[14, 12], [10, 9], [7, 5]], discharged: true, why: 'at caseness; 7 < 10 and 5 < 8: recovered; −7 and −7: reliably improved and recovered' },
  { name: 'B', sessions: [[11, 5], [8, 5]], discharged: true, why: 'at caseness (11); 8 and 5 below: recovered; −3 and 0: no reliable change' },
  { name: 'C', sessions: [[9, 7], [6, 5]], discharged: true, why: 'not at caseness (9 < 10, 7 < 8): out of the recovery denominators; no reliable change' },
  { name: 'D', sessions: [[15, 13], [14, 12]], discharged: true, why: 'at caseness; 14 ≥ 10: not recovered; no reliable change' },
  { name: 'E', sessions: [[16, 5], [8, 10]], discharged: true, why: 'at caseness; GAD-7 10 ≥ 8: not recovered; GAD-7 +5: reliable deterioration' },
  { name: 'F', sessions: [[20, 18], [14, 11], [9, 6]], discharged: true, why: 'at caseness; recovered; −11 and −12: reliably improved and recovered' },
  { name: 'G', sessions: [null, null], discharged: true, why: 'finished, no scores: caseness unknown, stays in every denominator, counts as nothing' },
  { name: 'H', sessions: [[14, 12], null], discharged: true, why: 'finished, at caseness (first 14), no pair: in the denominators, not recovered' },
  { name: 'I', sessions: [[16, 14]], discharged: true, why: 'one attended session: not a finished course' },
  { name: 'J', sessions: [[12, 10], [8, 6]], discharged: false, why: 'still open: not counted' },
  {
    name: 'K',
    sessions: [[18, 15], [12, 10], [8, 6], [20, 19], [22, 20]],
    discharged: true,
    stepUpToSecondaryCareAfter: 3,
    why:
      'course at RXT01 ends at the step up after 3 sessions: 18/15 → 8/6, recovered, reliably improved and recovered, ' +
      "credited to RXT01; secondary care's 2 sessions and the discharge there do not move it",
  },
];

/**
 * RXT01's national figures, by hand. Episodes ended in the period with an outcome: A–I and K (10; J is open).
 * Finished courses: A B C D E F G H K = 9 (I had one session). Paired: A B C D E F K = 7. Not at caseness: C = 1
 * (paired). Caseness unknown: G = 1. Recovered: A B F K = 4. Reliably improved: A F K = 3. Reliably recovered:
 * A F K = 3. Reliably deteriorated: E = 1. No reliable change: B C D = 3.
 *   recovery             4 / (9 − 1) = 4 / 8 = 50.0%  (standard 50%: met); paired in denominator 7 − 1 = 6 of 8 = 75.0%
 *   reliable recovery    3 / (9 − 1) = 3 / 8 = 37.5%  (standard 51%: not met)
 *   reliable improvement 3 / 9 = 33.3%                 (standard 69%: not met); paired 7 of 9 = 77.8%
 *   reliable deterioration 1 / 9 = 11.1%; no reliable change 3 / 9 = 33.3%; paired-score completeness 7 / 9 = 77.8%
 */
export const expectedTalkingTherapiesFigures = {
  counts: {
    episodes: 10,
    finishedCourses: 9,
    finishedWithPairedScores: 7,
    notAtCasenessAtStart: 1,
    notAtCasenessWithPairedScores: 1,
    casenessUnknown: 1,
    recovered: 4,
    reliablyImproved: 3,
    reliablyRecovered: 3,
    reliablyDeteriorated: 1,
    noReliableChange: 3,
  },
  recovery: { numerator: 4, denominator: 8, percent: 50, meetsStandard: true, completeness: { casenessUnknown: 1, withPairedScores: 6, pairedScorePercent: 75 } },
  reliableRecovery: { numerator: 3, denominator: 8, percent: 37.5, meetsStandard: false },
  reliableImprovement: { numerator: 3, denominator: 9, percent: 33.3, meetsStandard: false, completeness: { casenessUnknown: 1, withPairedScores: 7, pairedScorePercent: 77.8 } },
  reliableDeterioration: { numerator: 1, denominator: 9, percent: 11.1 },
  noReliableChange: { numerator: 3, denominator: 9, percent: 33.3 },
  pairedScoreCompleteness: { numerator: 7, denominator: 9, percent: 77.8 },
} as const;

/**
 * Secondary care (RSC01): no national Talking Therapies figures from K (its course is RXT01's). The local
 * whole-journey measure of the referrals RSC01 discharged: K alone, 5 attended sessions, 18/15 → 22/20: at caseness,
 * not recovered (22 ≥ 10), GAD-7 +5 ≥ 4: reliably deteriorated; PHQ-9 +4 < 6.
 */
export const expectedSecondaryCareFigures = {
  national: { episodes: 0, finishedCourses: 0 },
  localWholeJourney: { episodes: 1, finishedCourses: 1, recovered: 0, reliablyDeteriorated: 1, reliablyImproved: 0 },
} as const;
