import { OutcomesDomainError } from '../outcomes-domain.error';
import type { MeasureThresholds, OutcomeRuleSet } from '../rule-sets/outcome-rule-set';
import { selectAnxietyMeasure } from './anxiety-measure.selector';
import type { CasenessAtStart, EpisodeFacts, EpisodeOutcome, MeasureChange, MeasureScore, OutcomeFlag } from './episode-outcome';

function assertFacts(facts: EpisodeFacts): void {
  const problems: string[] = [];
  if (!Number.isInteger(facts.attendedTreatmentAppointments) || facts.attendedTreatmentAppointments < 0) {
    problems.push('attendedTreatmentAppointments must be a whole number ≥ 0');
  }
  facts.measures.forEach((score, index) => {
    if (!Number.isFinite(score.total)) problems.push(`measures[${index}].total is not a number`);
    if (Number.isNaN(Date.parse(score.takenAt))) problems.push(`measures[${index}].takenAt is not an ISO date`);
  });
  if (problems.length > 0) {
    throw new OutcomesDomainError('INVALID_EPISODE_FACTS', problems.join('; '), { problems });
  }
}

/** Scores of one measure in the order taken (ties keep the order recorded). */
function series(measures: readonly MeasureScore[], code: string): MeasureScore[] {
  return measures
    .filter((score) => score.code === code)
    .map((score, index) => ({ score, index, at: Date.parse(score.takenAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ score }) => score);
}

function pairOf(scores: readonly MeasureScore[], code: string, thresholds: MeasureThresholds): MeasureChange | null {
  const first = scores[0];
  const last = scores.at(-1);
  if (scores.length < 2 || !first || !last) return null;
  const change = last.total - first.total;
  const direction =
    -change >= thresholds.reliableChange
      ? 'reliable-decrease'
      : change >= thresholds.reliableChange
        ? 'reliable-increase'
        : 'no-reliable-change';
  return { code, first, last, change, reliableChange: thresholds.reliableChange, direction };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function describeChange(pair: MeasureChange): string {
  const size = Math.abs(pair.change);
  const verdict =
    pair.direction === 'reliable-decrease'
      ? `reliable decrease: ${size} ≥ ${pair.reliableChange}`
      : pair.direction === 'reliable-increase'
        ? `reliable increase: ${size} ≥ ${pair.reliableChange}`
        : `no reliable change: ${size} < ${pair.reliableChange}`;
  return `${pair.code} ${pair.first.total} → ${pair.last.total} (${signed(pair.change)}, ${verdict})`;
}

function compare(label: string, code: string, total: number, cutOff: number): { at: boolean; text: string } {
  const at = total >= cutOff;
  return { at, text: `${label} ${code} ${total} ${at ? '≥' : '<'} ${cutOff}` };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Computes an episode's outcome flags under a rule set, each with its explanation. Pure: the same facts and rule
 * set always give the same outcome, so a new rule set can be applied to all history without touching any event.
 */
export function computeEpisodeOutcome(facts: EpisodeFacts, ruleSet: OutcomeRuleSet): EpisodeOutcome {
  assertFacts(facts);
  const depressionCode = ruleSet.depressionMeasure;
  const anxietyMeasure = selectAnxietyMeasure(facts.problemDescriptor, facts.measures, ruleSet);
  const anxietyCode = anxietyMeasure.code;
  const depressionThresholds = ruleSet.measures[depressionCode];
  const anxietyThresholds = ruleSet.measures[anxietyCode];
  if (!depressionThresholds || !anxietyThresholds) {
    throw new OutcomesDomainError('INVALID_RULE_SET', `rule set ${ruleSet.version} lacks thresholds for its measures`, {
      version: ruleSet.version,
    });
  }
  const depressionScores = series(facts.measures, depressionCode);
  const anxietyScores = series(facts.measures, anxietyCode);
  const depression = pairOf(depressionScores, depressionCode, depressionThresholds);
  const anxiety = pairOf(anxietyScores, anxietyCode, anxietyThresholds);
  const pairedScores = depression !== null && anxiety !== null;
  const attended = facts.attendedTreatmentAppointments;
  const minimum = ruleSet.minimumAttendedTreatmentAppointments;

  // Finished a course of treatment.
  const finishedCourse: OutcomeFlag = !facts.referralEnded
    ? { value: false, explanation: `not finished: referral not ended (${plural(attended, 'attended treatment appointment')} so far)` }
    : attended < minimum
      ? {
          value: false,
          explanation: `not finished: referral ended after ${plural(attended, 'attended treatment appointment')} (< ${minimum})`,
        }
      : {
          value: true,
          explanation: `finished a course of treatment: referral ended after ${plural(attended, 'attended treatment appointment')} (≥ ${minimum})`,
        };

  // Caseness at start, from the first score of each measure (a pair is not needed to know where someone started).
  const starts = [
    { code: depressionCode, first: depressionScores[0], cutOff: depressionThresholds.caseness },
    { code: anxietyCode, first: anxietyScores[0], cutOff: anxietyThresholds.caseness },
  ].map(({ code, first, cutOff }) =>
    first ? compare('first', code, first.total, cutOff) : { at: false, text: `no ${code} score` },
  );
  const atCasenessAtStart = starts.some((start) => start.at);
  const missingFirst = !depressionScores[0] || !anxietyScores[0];
  // A missing first score with no first score at caseness is unknown, never "not at caseness" (DOMAIN.md).
  const casenessAtStartState: CasenessAtStart = atCasenessAtStart ? 'at' : missingFirst ? 'unknown' : 'not-at';
  const casenessWords = { at: 'at caseness at start', 'not-at': 'not at caseness at start', unknown: 'caseness at start unknown' };
  const casenessAtStart: OutcomeFlag = {
    value: atCasenessAtStart,
    explanation: `${casenessWords[casenessAtStartState]}: ${starts.map((s) => s.text).join(atCasenessAtStart ? '; ' : ' and ')}`,
  };

  const changes = [depression, anxiety].filter((pair): pair is MeasureChange => pair !== null);
  const decreased = changes.filter((pair) => pair.direction === 'reliable-decrease');
  const increased = changes.filter((pair) => pair.direction === 'reliable-increase');
  const changeText = changes.map(describeChange).join('; ');

  // The end-of-treatment flags are judged only for a finished course with paired scores on both measures.
  let notJudged: string | null = null;
  if (!finishedCourse.value) notJudged = finishedCourse.explanation;
  else if (!depression) notJudged = `no pair of ${depressionCode} scores (${depressionScores.length} recorded)`;
  else if (!anxiety) notJudged = `no pair of ${anxietyCode} scores (${anxietyScores.length} recorded)`;

  let recovery: OutcomeFlag;
  let reliableImprovement: OutcomeFlag;
  let reliableDeterioration: OutcomeFlag;
  let reliableRecovery: OutcomeFlag;
  let noReliableChange: OutcomeFlag;
  if (notJudged !== null || !depression || !anxiety) {
    const why = `not judged: ${notJudged ?? 'no paired scores'}`;
    recovery = { value: false, explanation: `not recovered: ${why}` };
    reliableImprovement = { value: false, explanation: `no reliable improvement: ${why}` };
    reliableDeterioration = { value: false, explanation: `no reliable deterioration: ${why}` };
    reliableRecovery = { value: false, explanation: `no reliable recovery: ${why}` };
    noReliableChange = { value: false, explanation: why };
  } else {
    const ends = [
      compare('last', depressionCode, depression.last.total, depressionThresholds.caseness),
      compare('last', anxietyCode, anxiety.last.total, anxietyThresholds.caseness),
    ];
    const endText = ends.map((end) => end.text).join(' and ');
    const startText = starts.filter((start) => start.at).map((start) => start.text).join(' and ');
    if (!atCasenessAtStart) {
      recovery = { value: false, explanation: `not recovered: ${casenessAtStart.explanation}` };
    } else if (ends.every((end) => !end.at)) {
      recovery = { value: true, explanation: `recovered: ${startText}; ${endText}` };
    } else {
      recovery = { value: false, explanation: `not recovered: ${startText}; ${endText}` };
    }

    const improved = decreased.length > 0 && increased.length === 0;
    reliableImprovement = improved
      ? { value: true, explanation: `reliable improvement: ${changeText}` }
      : {
          value: false,
          explanation:
            decreased.length > 0
              ? `no reliable improvement (a reliable increase on ${increased.map((p) => p.code).join(' and ')}): ${changeText}`
              : `no reliable improvement: ${changeText}`,
        };
    reliableDeterioration =
      increased.length > 0
        ? { value: true, explanation: `reliable deterioration: ${increased.map(describeChange).join('; ')}` }
        : { value: false, explanation: `no reliable deterioration: ${changeText}` };
    reliableRecovery =
      recovery.value && improved
        ? { value: true, explanation: `reliable recovery: ${recovery.explanation}; ${reliableImprovement.explanation}` }
        : {
            value: false,
            explanation: `no reliable recovery: ${recovery.value ? reliableImprovement.explanation : recovery.explanation}`,
          };
    noReliableChange =
      !improved && increased.length === 0
        ? { value: true, explanation: `no reliable change: ${changeText}` }
        : {
            value: false,
            explanation: `a reliable change: ${improved ? reliableImprovement.explanation : reliableDeterioration.explanation}`,
          };
  }

  // Not on track: judged on the scores so far, whatever the state of the referral.
  const sessions = ruleSet.notOnTrackAfterSessions;
  const improvedSoFar = decreased.length > 0 && increased.length === 0;
  const progressText = changes.length > 0 ? changeText : 'no paired scores yet';
  let notOnTrack: OutcomeFlag;
  if (increased.length > 0) {
    notOnTrack = { value: true, explanation: `not on track: reliable deterioration: ${increased.map(describeChange).join('; ')}` };
  } else if (attended >= sessions && !improvedSoFar) {
    notOnTrack = {
      value: true,
      explanation: `not on track: ${plural(attended, 'attended treatment session')} (≥ ${sessions}) without reliable improvement: ${progressText}`,
    };
  } else {
    notOnTrack = {
      value: false,
      explanation: improvedSoFar
        ? `on track: reliable improvement: ${progressText}`
        : `on track: ${plural(attended, 'attended treatment session')} (< ${sessions}) and no reliable deterioration: ${progressText}`,
    };
  }

  return {
    ruleSetVersion: ruleSet.version,
    casenessAtStartState,
    depressionMeasure: depressionCode,
    anxietyMeasure,
    depression,
    anxiety,
    pairedScores,
    flags: {
      finishedCourse,
      casenessAtStart,
      recovery,
      reliableImprovement,
      reliableDeterioration,
      reliableRecovery,
      noReliableChange,
      notOnTrack,
    },
  };
}

/** Applies a rule set to the facts of many episodes (a recompute over history); the facts are not changed. */
export function recomputeEpisodeOutcomes<Id>(
  episodes: readonly { readonly episodeId: Id; readonly facts: EpisodeFacts }[],
  ruleSet: OutcomeRuleSet,
): { episodeId: Id; outcome: EpisodeOutcome }[] {
  return episodes.map(({ episodeId, facts }) => ({ episodeId, outcome: computeEpisodeOutcome(facts, ruleSet) }));
}
