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

/**
 * The fact that made the service compute the outcome again. After the referral ended, a changed outcome is a
 * correction: a new version that names its reason (issue 12 item 12).
 */
export type OutcomeCause = 'referral-ended' | 'measure-recorded' | 'attendance-recorded' | 'problem-descriptor-changed';
export const CORRECTION_REASONS = {
  'referral-ended': 'discharge-recorded-again',
  'measure-recorded': 'measure-entered-after-discharge',
  'attendance-recorded': 'attendance-recorded-after-discharge',
  'problem-descriptor-changed': 'problem-descriptor-changed',
} as const satisfies Record<OutcomeCause, string>;
export type CorrectionReason = (typeof CORRECTION_REASONS)[OutcomeCause];

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
    /** Absent: a referral-ended evaluation (the only kind before causes were recorded). */
    cause?: OutcomeCause;
  };
}

/** A clinician names the episode's care coordinator: the clinician a risk alert on the episode is addressed to. */
export interface AssignCareCoordinator {
  type: 'AssignCareCoordinator';
  data: { episodeId: string; patientSubjectId: string; careCoordinatorId: string; assignedAt: string };
}

export type EpisodeRecordCommand = RecordProblemDescriptor | RecordOutcome | AssignCareCoordinator;

export interface ProblemDescriptorRecorded {
  type: 'ProblemDescriptorRecorded';
  data: RecordProblemDescriptor['data'];
}

/**
 * The outcome recorded when the referral ended (version 1), computed once from every fact recorded before the
 * discharge; a later change is a new version with its reason, never a silent overwrite. Events recorded before
 * versions were kept have neither field (read as successive versions, reason unknown).
 */
export interface OutcomeFlagsComputed {
  type: 'OutcomeFlagsComputed';
  data: {
    episodeId: string;
    patientSubjectId: string;
    outcome: EpisodeOutcome;
    computedAt: string;
    recordedVersion?: number;
    correctionReason?: CorrectionReason | null;
  };
}

export interface CareCoordinatorAssigned {
  type: 'CareCoordinatorAssigned';
  data: AssignCareCoordinator['data'];
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

export type EpisodeOutcomeEvent = ProblemDescriptorRecorded | OutcomeFlagsComputed | EpisodeNotOnTrack | CareCoordinatorAssigned;

export interface EpisodeRecordState {
  problemDescriptor: { anxietyDisorder: AnxietyDisorder | null; icd10Code: string | null } | null;
  /** Per rule set, a fingerprint of the flags last published: an unchanged result is not published again. */
  computed: Readonly<Record<string, string>>;
  /** Per rule set, the version of the outcome last recorded (1 at the discharge, then one per correction). */
  versions?: Readonly<Record<string, number>>;
  careCoordinatorId?: string | null;
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
        const recordedVersion = (state.versions?.[ruleSet] ?? 0) + 1;
        const correctionReason = recordedVersion === 1 ? null : CORRECTION_REASONS[command.data.cause ?? 'referral-ended'];
        events.push({ type: 'OutcomeFlagsComputed', data: { episodeId, patientSubjectId, outcome, computedAt, recordedVersion, correctionReason } });
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
    case 'AssignCareCoordinator':
      if (state.careCoordinatorId === command.data.careCoordinatorId) return [];
      return [{ type: 'CareCoordinatorAssigned', data: command.data }];
    default:
      return assertNever(command, 'command');
  }
}

function evolve(state: EpisodeRecordState, event: EpisodeOutcomeEvent): EpisodeRecordState {
  switch (event.type) {
    case 'ProblemDescriptorRecorded':
      return { ...state, problemDescriptor: { anxietyDisorder: event.data.anxietyDisorder, icd10Code: event.data.icd10Code } };
    case 'OutcomeFlagsComputed': {
      const ruleSet = event.data.outcome.ruleSetVersion;
      const version = event.data.recordedVersion ?? (state.versions?.[ruleSet] ?? 0) + 1;
      return {
        ...state,
        computed: { ...state.computed, [ruleSet]: fingerprint(event.data.outcome) },
        versions: { ...state.versions, [ruleSet]: version },
      };
    }
    case 'CareCoordinatorAssigned':
      return { ...state, careCoordinatorId: event.data.careCoordinatorId };
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
