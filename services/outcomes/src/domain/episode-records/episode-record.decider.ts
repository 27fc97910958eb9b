import { assertNever, type Decider } from '@stepwell/decider';
import type { EpisodeOutcome } from '../episode-outcomes/episode-outcome';
import type { AnxietyDisorder } from '../rule-sets/outcome-rule-set';

/**
 * What the outcomes service itself decides about an episode, in `episode-<episodeId>`: the problem
 * descriptor a clinician records, the outcome flags computed when the referral ends (one result per rule set),
 * and the "not on track" signal (once per episode and rule set).
 */
export const episodeRecordStreamId = (episodeId: string): string => `episode-${episodeId}`;
export const EPISODE_RECORD_CATEGORY = 'episode';

export interface RecordProblemDescriptor {
  type: 'RecordProblemDescriptor';
  data: {
    episodeId: string;
    patientSubjectId: string;
    anxietyDisorder: AnxietyDisorder | null;
    icd10Code: string | null;
    recordedAt: string;
  };
}

/** Offers a freshly computed outcome; what it changes is decided against what was already recorded. */
export interface RecordOutcome {
  type: 'RecordOutcome';
  data: {
    episodeId: string;
    patientSubjectId: string;
    outcome: EpisodeOutcome;
    referralEnded: boolean;
    attendedTreatmentSessions: number;
    computedAt: string;
  };
}

export type EpisodeRecordCommand = RecordProblemDescriptor | RecordOutcome;

export interface ProblemDescriptorRecorded {
  type: 'ProblemDescriptorRecorded';
  data: RecordProblemDescriptor['data'];
}

export interface OutcomeFlagsComputed {
  type: 'OutcomeFlagsComputed';
  data: { episodeId: string; patientSubjectId: string; outcome: EpisodeOutcome; computedAt: string };
}

export interface EpisodeNotOnTrack {
  type: 'EpisodeNotOnTrack';
  data: {
    episodeId: string;
    patientSubjectId: string;
    ruleSetVersion: string;
    reason: 'reliable-deterioration' | 'no-reliable-improvement';
    attendedTreatmentSessions: number;
    explanation: string;
    detectedAt: string;
  };
}

export type EpisodeOutcomeEvent = ProblemDescriptorRecorded | OutcomeFlagsComputed | EpisodeNotOnTrack;

export interface EpisodeRecordState {
  problemDescriptor: { anxietyDisorder: AnxietyDisorder | null; icd10Code: string | null } | null;
  /** Per rule set, a fingerprint of the flags last published: an unchanged result is not published again. */
  computed: Readonly<Record<string, string>>;
  /** Rule sets under which the episode was already reported not on track. */
  notOnTrack: readonly string[];
}

const fingerprint = (outcome: EpisodeOutcome): string =>
  JSON.stringify(Object.entries(outcome.flags).map(([name, flag]) => [name, flag.value, flag.explanation]));

function decide(command: EpisodeRecordCommand, state: EpisodeRecordState): EpisodeOutcomeEvent[] {
  switch (command.type) {
    case 'RecordProblemDescriptor': {
      const { anxietyDisorder, icd10Code } = command.data;
      const current = state.problemDescriptor;
      if (current && current.anxietyDisorder === anxietyDisorder && current.icd10Code === icd10Code) return [];
      return [{ type: 'ProblemDescriptorRecorded', data: command.data }];
    }
    case 'RecordOutcome': {
      const { outcome, episodeId, patientSubjectId, computedAt, attendedTreatmentSessions } = command.data;
      const events: EpisodeOutcomeEvent[] = [];
      const ruleSet = outcome.ruleSetVersion;
      if (command.data.referralEnded && state.computed[ruleSet] !== fingerprint(outcome)) {
        events.push({ type: 'OutcomeFlagsComputed', data: { episodeId, patientSubjectId, outcome, computedAt } });
      }
      if (outcome.flags.notOnTrack.value && !state.notOnTrack.includes(ruleSet)) {
        const deteriorated = [outcome.depression, outcome.anxiety].some((pair) => pair?.direction === 'reliable-increase');
        events.push({
          type: 'EpisodeNotOnTrack',
          data: {
            episodeId,
            patientSubjectId,
            ruleSetVersion: ruleSet,
            reason: deteriorated ? 'reliable-deterioration' : 'no-reliable-improvement',
            attendedTreatmentSessions,
            explanation: outcome.flags.notOnTrack.explanation,
            detectedAt: computedAt,
          },
        });
      }
      return events;
    }
    default:
      return assertNever(command, 'command');
  }
}

function evolve(state: EpisodeRecordState, event: EpisodeOutcomeEvent): EpisodeRecordState {
  switch (event.type) {
    case 'ProblemDescriptorRecorded':
      return { ...state, problemDescriptor: { anxietyDisorder: event.data.anxietyDisorder, icd10Code: event.data.icd10Code } };
    case 'OutcomeFlagsComputed':
      return { ...state, computed: { ...state.computed, [event.data.outcome.ruleSetVersion]: fingerprint(event.data.outcome) } };
    case 'EpisodeNotOnTrack':
      return { ...state, notOnTrack: [...state.notOnTrack, event.data.ruleSetVersion] };
    default:
      return assertNever(event, 'event');
  }
}

export const episodeRecordDecider: Decider<EpisodeRecordCommand, EpisodeOutcomeEvent, EpisodeRecordState> = {
  initialState: { problemDescriptor: null, computed: {}, notOnTrack: [] },
  decide,
  evolve,
};
