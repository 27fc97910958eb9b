import { assertNever, type Decider } from '@stepwell/decider';
import { isDischargeReason } from '../stepped-care/discharge-reason';
import { isMeasure, isValidScore } from '../stepped-care/measure';
import { isStepChangeReason } from '../stepped-care/step-change-reason';
import { directionOfMove, isAcceptanceStep, isStep } from '../stepped-care/step';
import type {
  CareEpisodeCommand,
  ChangeStep,
  Discharge,
  EndPause,
  FlagForClinicalReview,
  OpenEpisode,
  PauseWaitingClock,
  RecordFirstTreatmentAppointment,
  RecordOptIn,
} from './care-episode.commands';
import { CareEpisodeError } from './care-episode.errors';
import {
  CLINICAL_REVIEW_TRIGGERS,
  PAUSE_REASONS,
  type CareEpisodeEvent,
  type EpisodeDecision,
  type EpisodeOpened,
  type EpisodeStepChanged,
  type PauseEndReason,
  type ScoreEvidence,
  type WaitingClockPauseEnded,
} from './care-episode.events';
import {
  initialCareEpisodeState,
  type CareEpisodeState,
  type EpisodeFacts,
  type OpenedEpisodeState,
  type WaitingPause,
} from './care-episode.state';
import { isInstant } from '@stepwell/contracts';
import { sameContent } from './same-content';

/**
 * The care episode: one stream per episode, from triage's acceptance to discharge, carrying the person up and down
 * the steps and across organisations.
 *
 * Idempotency: a command whose outcome is already recorded returns no events. "Already recorded" compares the
 * business content (ids, steps, organisations, reasons, evidence, dates of the fact), not who sent the repeat: the
 * first decision stands. That check comes before status checks, so a retry after discharge is still harmless.
 */
export const careEpisodeDecider: Decider<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState> = {
  initialState: initialCareEpisodeState,

  decide(command, state) {
    requireInstant(command.at, 'at');
    if (command.type === 'OpenEpisode') return decideOpen(command, state);
    if (state.status === 'NotOpened') {
      throw new CareEpisodeError('EPISODE_NOT_OPEN', `Episode ${command.episodeId} has not been opened`, {
        episodeId: command.episodeId,
      });
    }
    switch (command.type) {
      case 'RecordOptIn':
        return decideOptIn(command, state);
      case 'PauseWaitingClock':
        return decidePause(command, state);
      case 'EndPause':
        return decideEndPause(command, state);
      case 'RecordFirstTreatmentAppointment':
        return decideFirstTreatmentAppointment(command, state);
      case 'ChangeStep':
        return decideChangeStep(command, state);
      case 'FlagForClinicalReview':
        return decideFlagForReview(command, state);
      case 'Discharge':
        return decideDischarge(command, state);
      default:
        return assertNever(command, 'care-episode command');
    }
  },

  evolve(state, event) {
    if (event.type === 'EpisodeOpened') return opened(event.data);
    // A projection never rejects a fact: an event before the opening (impossible in one stream) changes nothing.
    if (state.status === 'NotOpened') return state;
    switch (event.type) {
      case 'PatientOptedIn':
        return { ...state, optedInAt: event.data.at };
      case 'WaitingClockPaused': {
        const pause: WaitingPause = { pauseId: event.data.pauseId, from: event.data.at, to: null };
        return { ...withoutStatus(state), status: 'Paused', openPause: pause, pauses: [...state.pauses, pause] };
      }
      case 'WaitingClockPauseEnded': {
        const pauses = state.pauses.map((pause) =>
          pause.pauseId === event.data.pauseId ? { ...pause, to: event.data.at } : pause,
        );
        return state.status === 'Paused'
          ? { ...withoutStatus(state), status: 'Waiting', pauses }
          : { ...state, pauses };
      }
      case 'FirstTreatmentAppointmentRecorded': {
        const firstTreatmentAppointment = { appointmentId: event.data.appointmentId, at: event.data.at };
        return state.status === 'Discharged'
          ? { ...state, firstTreatmentAppointment }
          : { ...withoutStatus(state), status: 'InTreatment', firstTreatmentAppointment };
      }
      case 'EpisodeStepChanged':
        return {
          ...state,
          step: event.data.toStep,
          providingOrganisationId: event.data.toOrganisationId,
          stepChanges: [...state.stepChanges, event.data],
        };
      case 'EpisodeFlaggedForClinicalReview':
        return { ...state, reviewFlags: [...state.reviewFlags, event.data] };
      case 'EpisodeDischarged':
        return { ...withoutStatus(state), status: 'Discharged', discharge: event.data };
      case 'OutcomeLetterRequested':
        return state;
      default:
        return assertNever(event, 'care-episode event');
    }
  },
};

function opened(data: EpisodeOpened['data']): CareEpisodeState {
  return {
    status: 'Waiting',
    episodeId: data.episodeId,
    referralId: data.referralId,
    patientSubjectId: data.patientSubjectId,
    step: data.step,
    providingOrganisationId: data.organisationId,
    referralReceivedAt: data.referralReceivedAt,
    registeredGpPracticeId: data.registeredGpPracticeId,
    opened: data,
    optedInAt: null,
    pauses: [],
    firstTreatmentAppointment: null,
    stepChanges: [],
    reviewFlags: [],
  };
}

function withoutStatus(state: OpenedEpisodeState): EpisodeFacts {
  // Drops the status and the fields that belong to one status only (the open pause, the discharge).
  const { status: _status, ...rest } = state;
  const facts = { ...rest } as EpisodeFacts & { openPause?: unknown; discharge?: unknown };
  delete facts.openPause;
  delete facts.discharge;
  return facts;
}

// ---- decisions ------------------------------------------------------------------------------------------------

function decideOpen(command: OpenEpisode, state: CareEpisodeState): CareEpisodeEvent[] {
  if (!isStep(command.step)) invalidValue('step', command.step);
  if (!isAcceptanceStep(command.step)) {
    throw new CareEpisodeError('STEP_NOT_ACCEPTABLE', `An episode cannot open at ${command.step}`, {
      step: command.step,
    });
  }
  requireInstant(command.referralReceivedAt, 'referralReceivedAt');
  requireNotBefore(command.at, command.referralReceivedAt, 'at', 'the referral was received');
  const data: EpisodeOpened['data'] = {
    ...decision(command, command.providingOrganisationId, 'referral-accepted'),
    referralId: command.referralId,
    patientSubjectId: command.patientSubjectId,
    step: command.step,
    referralReceivedAt: command.referralReceivedAt,
    registeredGpPracticeId: command.registeredGpPracticeId,
  };
  if (state.status === 'NotOpened') return [{ type: 'EpisodeOpened', data }];
  if (sameContent(openingContent(state.opened), openingContent(data))) return [];
  throw new CareEpisodeError('EPISODE_ALREADY_OPEN', `Episode ${command.episodeId} is already open`, {
    episodeId: command.episodeId,
  });
}

function openingContent(data: EpisodeOpened['data']) {
  const { decidedBy: _by, at: _at, note: _note, ...content } = data;
  return content;
}

function decideOptIn(command: RecordOptIn, state: OpenedEpisodeState): CareEpisodeEvent[] {
  if (state.optedInAt !== null) {
    if (sameInstant(state.optedInAt, command.at)) return [];
    throw new CareEpisodeError('ALREADY_OPTED_IN', 'The person has already opted in', { optedInAt: state.optedInAt });
  }
  refuseIfDischarged(state);
  requireNotBefore(command.at, state.referralReceivedAt, 'at', 'the referral was received');
  return [{ type: 'PatientOptedIn', data: decision(command, state.providingOrganisationId, 'patient-opted-in') }];
}

function decidePause(command: PauseWaitingClock, state: OpenedEpisodeState): CareEpisodeEvent[] {
  if (!(PAUSE_REASONS as readonly string[]).includes(command.reason)) invalidValue('reason', command.reason);
  const existing = state.pauses.find((pause) => pause.pauseId === command.pauseId);
  if (existing) {
    if (sameInstant(existing.from, command.at)) return [];
    throw conflictingRepeat('pauseId', command.pauseId);
  }
  refuseIfDischarged(state);
  if (state.status === 'InTreatment') {
    throw new CareEpisodeError('ILLEGAL_TRANSITION', 'The waiting clock stopped at the first treatment appointment', {
      status: state.status,
      command: command.type,
    });
  }
  if (state.status === 'Paused') {
    throw new CareEpisodeError('PAUSE_ALREADY_OPEN', 'Another waiting-time pause is still open', {
      openPauseId: state.openPause.pauseId,
    });
  }
  requireNotBefore(command.at, state.referralReceivedAt, 'at', 'the referral was received');
  const previous = state.pauses[state.pauses.length - 1];
  if (previous?.to) requireNotBefore(command.at, previous.to, 'at', 'the previous pause ended');
  return [
    {
      type: 'WaitingClockPaused',
      data: { ...decision(command, state.providingOrganisationId, command.reason), pauseId: command.pauseId },
    },
  ];
}

function decideEndPause(command: EndPause, state: OpenedEpisodeState): CareEpisodeEvent[] {
  const pause = state.pauses.find((candidate) => candidate.pauseId === command.pauseId);
  if (pause?.to && sameInstant(pause.to, command.at)) return [];
  refuseIfDischarged(state);
  if (state.status !== 'Paused' || state.openPause.pauseId !== command.pauseId) {
    throw new CareEpisodeError('PAUSE_NOT_OPEN', `Pause ${command.pauseId} is not the open pause`, {
      pauseId: command.pauseId,
    });
  }
  requireNotBefore(command.at, state.openPause.from, 'at', 'the pause started');
  return [pauseEnded(command, state, state.openPause, command.at, 'patient-available')];
}

function decideFirstTreatmentAppointment(
  command: RecordFirstTreatmentAppointment,
  state: OpenedEpisodeState,
): CareEpisodeEvent[] {
  const recorded = state.firstTreatmentAppointment;
  if (recorded) {
    if (recorded.appointmentId !== command.appointmentId) {
      throw new CareEpisodeError('FIRST_APPOINTMENT_ALREADY_RECORDED', 'A first treatment appointment is recorded', {
        appointmentId: recorded.appointmentId,
      });
    }
    if (sameInstant(recorded.at, command.at)) return [];
    throw conflictingRepeat('appointmentId', command.appointmentId);
  }
  refuseIfDischarged(state);
  requireNotBefore(command.at, state.referralReceivedAt, 'at', 'the referral was received');
  const events: CareEpisodeEvent[] = [];
  if (state.status === 'Paused') {
    // The appointment shows the person was available: the open pause ends there (or at its own start, if the
    // appointment predates it, so that it counts no days).
    const end = latestInstant(command.at, state.openPause.from);
    events.push(pauseEnded(command, state, state.openPause, end, 'first-treatment-appointment'));
  }
  events.push({
    type: 'FirstTreatmentAppointmentRecorded',
    data: {
      ...decision(command, state.providingOrganisationId, 'first-treatment-appointment-attended'),
      appointmentId: command.appointmentId,
    },
  });
  return events;
}

function decideChangeStep(command: ChangeStep, state: OpenedEpisodeState): CareEpisodeEvent[] {
  if (!isStep(command.toStep)) invalidValue('toStep', command.toStep);
  if (!isStepChangeReason(command.reason)) invalidValue('reason', command.reason);
  const scores = (command.scores ?? []).map(checkedScore);
  const consultationId = command.consultationId?.trim() ? command.consultationId : null;
  const mdtCaseId = command.mdtCaseId?.trim() ? command.mdtCaseId : null;
  if (scores.length === 0 && consultationId === null && mdtCaseId === null) {
    throw new CareEpisodeError('EVIDENCE_REQUIRED', 'A step change rests on scores, a consultation or an MDT case', {
      command: command.type,
    });
  }
  // Only a move resting on an MDT case names one (every other step change's evidence stays as it was).
  const evidence = { scores, consultationId, ...(mdtCaseId ? { mdtCaseId } : {}) };
  const existing = state.stepChanges.find((change) => change.stepChangeId === command.stepChangeId);
  if (existing) {
    const same =
      existing.toStep === command.toStep &&
      existing.toOrganisationId === command.providingOrganisationId &&
      existing.reason === command.reason &&
      sameContent(existing.evidence, evidence);
    if (same) return [];
    throw conflictingRepeat('stepChangeId', command.stepChangeId);
  }
  refuseIfDischarged(state);
  if (command.toStep === state.step && command.providingOrganisationId === state.providingOrganisationId) {
    throw new CareEpisodeError('SAME_STEP', `The episode is already at ${state.step} with this organisation`, {
      step: state.step,
      organisationId: state.providingOrganisationId,
    });
  }
  const lastChange = state.stepChanges[state.stepChanges.length - 1];
  requireNotBefore(command.at, lastChange?.at ?? state.opened.at, 'at', 'the episode reached its current step');
  const data: EpisodeStepChanged['data'] = {
    ...decision(command, command.providingOrganisationId, command.reason),
    stepChangeId: command.stepChangeId,
    fromStep: state.step,
    toStep: command.toStep,
    fromOrganisationId: state.providingOrganisationId,
    toOrganisationId: command.providingOrganisationId,
    direction: directionOfMove(state.step, command.toStep),
    evidence,
  };
  return [{ type: 'EpisodeStepChanged', data }];
}

function decideFlagForReview(command: FlagForClinicalReview, state: OpenedEpisodeState): CareEpisodeEvent[] {
  if (!(CLINICAL_REVIEW_TRIGGERS as readonly string[]).includes(command.trigger)) {
    invalidValue('trigger', command.trigger);
  }
  const missedAppointments = command.missedAppointments ?? null;
  if (missedAppointments !== null && !isCount(missedAppointments)) {
    invalidValue('missedAppointments', missedAppointments);
  }
  const existing = state.reviewFlags.find((flag) => flag.reviewId === command.reviewId);
  if (existing) {
    if (existing.reason === command.trigger && existing.missedAppointments === missedAppointments) return [];
    throw conflictingRepeat('reviewId', command.reviewId);
  }
  refuseIfDischarged(state);
  return [
    {
      type: 'EpisodeFlaggedForClinicalReview',
      data: {
        ...decision(command, state.providingOrganisationId, command.trigger),
        reviewId: command.reviewId,
        missedAppointments,
      },
    },
  ];
}

function decideDischarge(command: Discharge, state: OpenedEpisodeState): CareEpisodeEvent[] {
  if (!isDischargeReason(command.reason)) invalidValue('reason', command.reason);
  const followUpAttempts = command.followUpAttempts ?? null;
  if (followUpAttempts !== null && !isCount(followUpAttempts)) invalidValue('followUpAttempts', followUpAttempts);
  if (state.status === 'Discharged') {
    if (state.discharge.reason === command.reason) return [];
    throw new CareEpisodeError('ALREADY_DISCHARGED', 'The episode is discharged', {
      reason: state.discharge.reason,
    });
  }
  if (command.reason === 'disengaged-after-follow-up' && !(followUpAttempts !== null && followUpAttempts > 0)) {
    throw new CareEpisodeError(
      'FOLLOW_UP_REQUIRED',
      'A missed appointment is a reason to re-engage: discharge for disengagement needs recorded follow-up',
      { reason: command.reason },
    );
  }
  requireNotBefore(command.at, state.opened.at, 'at', 'the episode opened');
  const organisationId = state.providingOrganisationId;
  const events: CareEpisodeEvent[] = [];
  if (state.status === 'Paused') {
    events.push(pauseEnded(command, state, state.openPause, command.at, 'episode-discharged'));
  }
  events.push(
    {
      type: 'EpisodeDischarged',
      data: { ...decision(command, organisationId, command.reason), step: state.step, followUpAttempts },
    },
    {
      type: 'OutcomeLetterRequested',
      data: {
        ...decision(command, organisationId, 'episode-discharged'),
        gpPracticeId: state.registeredGpPracticeId,
        dischargeReason: command.reason,
      },
    },
  );
  return events;
}

// ---- helpers --------------------------------------------------------------------------------------------------

function decision<Reason extends string>(
  command: CareEpisodeCommand,
  organisationId: string,
  reason: Reason,
): EpisodeDecision<Reason> {
  const base: EpisodeDecision<Reason> = {
    episodeId: command.episodeId,
    decidedBy: { ...command.decidedBy },
    organisationId,
    reason,
    at: command.at,
  };
  return command.note === undefined ? base : { ...base, note: command.note };
}

function pauseEnded(
  command: CareEpisodeCommand,
  state: OpenedEpisodeState,
  pause: WaitingPause,
  at: string,
  reason: PauseEndReason,
): WaitingClockPauseEnded {
  // A pause closed by another command (an appointment, a discharge) leaves that command's note to its own event.
  const { note, ...rest } = decision({ ...command, at }, state.providingOrganisationId, reason);
  const data = command.type === 'EndPause' && note !== undefined ? { ...rest, note } : rest;
  return { type: 'WaitingClockPauseEnded', data: { ...data, pauseId: pause.pauseId } };
}

function checkedScore(score: ScoreEvidence): ScoreEvidence {
  if (!isMeasure(score.measure)) invalidValue('scores.measure', score.measure);
  if (typeof score.score !== 'number' || !isValidScore(score.measure, score.score)) {
    invalidValue('scores.score', score.score);
  }
  requireInstant(score.recordedAt, 'scores.recordedAt');
  const checked: ScoreEvidence = { measure: score.measure, score: score.score, recordedAt: score.recordedAt };
  return score.observationId === undefined ? checked : { ...checked, observationId: score.observationId };
}

function refuseIfDischarged(state: OpenedEpisodeState): void {
  if (state.status === 'Discharged') {
    throw new CareEpisodeError('ALREADY_DISCHARGED', 'The episode is discharged', {
      reason: state.discharge.reason,
    });
  }
}

function requireInstant(value: unknown, field: string): asserts value is string {
  if (!isInstant(value)) {
    throw new CareEpisodeError('INVALID_DATE', `${field} must be an ISO 8601 instant with a zone`, { field });
  }
}

function requireNotBefore(value: string, earliest: string, field: string, what: string): void {
  if (Date.parse(value) < Date.parse(earliest)) {
    throw new CareEpisodeError('INVALID_DATE', `${field} is before ${what}`, { field });
  }
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function latestInstant(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function invalidValue(field: string, value: unknown): never {
  throw new CareEpisodeError('INVALID_VALUE', `${field} is not a known or valid value`, {
    field,
    value: typeof value === 'string' || typeof value === 'number' ? value : String(value),
  });
}

function conflictingRepeat(field: string, id: string): CareEpisodeError {
  return new CareEpisodeError('CONFLICTING_REPEAT', `${field} ${id} was already used for a different command`, {
    field,
    id,
  });
}
