import { DomainError, assertNever, deterministicUuid, fold, type Decider } from '@stepwell/decider';
import { instantMs, londonDateOf } from '../time/europe-london';
import { includes } from '../vocabulary';
import {
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  type EngagementCommand,
  type EngagementEvent,
  type EngagementState,
  type NoteAttendance,
  type NotedOutcome,
  type RecordContactAttempt,
} from './engagement.types';
import { addWorkingDays } from './working-days';

/** A DNA's follow-up task is due this many working days after the DNA is noted. */
export const FOLLOW_UP_WORKING_DAYS = 2;
/** Consecutive DNAs, with no successful contact, that call for a clinical review of the episode. */
export const DNAS_BEFORE_REVIEW = 2;

const NOTED_OUTCOMES: readonly NotedOutcome[] = ['attended', 'did-not-attend', 'arrived-late-not-seen'];

type Tracked = Extract<EngagementState, { status: 'Tracked' }>;

/** The follow-up task's id for a DNA: one task per missed appointment, the same on every retry. */
export function followUpTaskIdFor(appointmentId: string): string {
  return deterministicUuid(`dna-follow-up\u0000${appointmentId}`);
}

/**
 * Did-not-attend follow-up (collaborative care): a missed appointment is a reason to re-engage the person, never
 * to discharge them. Rules:
 * - a DNA creates a follow-up task due within 2 working days (weekends and the given bank holidays skipped);
 * - a successful contact ("reached") completes the open tasks and ends the run of consecutive DNAs;
 * - "consecutive" follows the appointments' start times, not the order in which outcomes arrive;
 * - an attended appointment ends the run and completes earlier tasks; arriving too late to be seen ends the run
 *   (the person did come) but completes no task (they have still not been seen);
 * - two consecutive DNAs without successful contact raise `EngagementReviewNeeded`, once per run.
 * There is deliberately no command or event that discharges, closes or suspends anything.
 *
 * Refusal codes: EPISODE_MISMATCH, INVALID_OUTCOME, ILLEGAL_TRANSITION, TASK_NOT_FOUND, INVALID_CONTACT,
 * INVALID_INSTANT, INVALID_LOCAL_DATE.
 */
export const engagementDecider: Decider<EngagementCommand, EngagementEvent, EngagementState> = {
  initialState: { status: 'Untracked' },
  decide(command, state) {
    switch (command.type) {
      case 'NoteAttendance':
        return noteAttendance(command, state);
      case 'RecordContactAttempt':
        return recordContactAttempt(command, state);
      default:
        return assertNever(command, 'engagement command');
    }
  },
  evolve(state, event) {
    const tracked: Tracked =
      state.status === 'Tracked'
        ? state
        : {
            status: 'Tracked',
            episodeId: event.data.episodeId,
            patientSubjectId: 'patientSubjectId' in event.data ? event.data.patientSubjectId : '',
            outcomes: {},
            reachedAt: [],
            tasks: {},
            reviews: [],
          };
    switch (event.type) {
      case 'DidNotAttendNoted':
        return {
          ...tracked,
          outcomes: {
            ...tracked.outcomes,
            [event.data.appointmentId]: { outcome: 'did-not-attend', startsAt: event.data.appointmentStartsAt },
          },
        };
      case 'AttendanceNoted':
        return {
          ...tracked,
          outcomes: {
            ...tracked.outcomes,
            [event.data.appointmentId]: { outcome: event.data.outcome, startsAt: event.data.appointmentStartsAt },
          },
        };
      case 'FollowUpTaskCreated':
        return {
          ...tracked,
          tasks: {
            ...tracked.tasks,
            [event.data.taskId]: { appointmentId: event.data.appointmentId, dueOn: event.data.dueOn, status: 'open', attemptIds: [] },
          },
        };
      case 'ContactAttemptRecorded': {
        const task = tracked.tasks[event.data.taskId];
        if (!task) return tracked;
        return {
          ...tracked,
          tasks: { ...tracked.tasks, [event.data.taskId]: { ...task, attemptIds: [...task.attemptIds, event.data.attemptId] } },
          reachedAt: event.data.outcome === 'reached' ? [...tracked.reachedAt, event.data.attemptedAt] : tracked.reachedAt,
        };
      }
      case 'FollowUpTaskCompleted': {
        const task = tracked.tasks[event.data.taskId];
        if (!task) return tracked;
        return { ...tracked, tasks: { ...tracked.tasks, [event.data.taskId]: { ...task, status: 'completed' } } };
      }
      case 'EngagementReviewNeeded':
        return { ...tracked, reviews: [...tracked.reviews, event.data.dnaAppointmentIds] };
      default:
        return assertNever(event, 'engagement event');
    }
  },
};

/**
 * The current run of consecutive DNAs, earliest first: DNAs of appointments that started after the latest
 * non-DNA appointment and after the latest successful contact.
 */
export function consecutiveDnas(state: EngagementState): string[] {
  if (state.status === 'Untracked') return [];
  const outcomes = Object.entries(state.outcomes);
  const resetAt = Math.max(
    -Infinity,
    ...outcomes.filter(([, o]) => o.outcome !== 'did-not-attend').map(([, o]) => instantMs(o.startsAt)),
    ...state.reachedAt.map((at) => instantMs(at)),
  );
  return outcomes
    .filter(([, o]) => o.outcome === 'did-not-attend' && instantMs(o.startsAt) > resetAt)
    .sort(([a, x], [b, y]) => instantMs(x.startsAt) - instantMs(y.startsAt) || (a < b ? -1 : 1))
    .map(([appointmentId]) => appointmentId);
}

function noteAttendance(command: NoteAttendance, state: EngagementState): EngagementEvent[] {
  if (!includes(NOTED_OUTCOMES, command.outcome)) {
    throw new DomainError('INVALID_OUTCOME', `Outcome must be one of ${NOTED_OUTCOMES.join(', ')}`);
  }
  const startsAt = instantMs(command.appointmentStartsAt, 'appointmentStartsAt');
  instantMs(command.notedAt, 'notedAt');
  if (state.status === 'Tracked') {
    if (state.episodeId !== command.episodeId || state.patientSubjectId !== command.patientSubjectId) {
      throw new DomainError('EPISODE_MISMATCH', 'This engagement record belongs to another episode');
    }
    const known = state.outcomes[command.appointmentId];
    if (known) {
      if (known.outcome === command.outcome) return [];
      throw new DomainError('ILLEGAL_TRANSITION', 'This appointment already has another outcome', {
        appointmentId: command.appointmentId,
      });
    }
  }
  const { episodeId, patientSubjectId, appointmentId, appointmentStartsAt, notedAt } = command;

  if (command.outcome !== 'did-not-attend') {
    const noted: EngagementEvent = {
      type: 'AttendanceNoted',
      data: { episodeId, patientSubjectId, appointmentId, appointmentStartsAt, outcome: command.outcome, notedAt },
    };
    if (command.outcome === 'arrived-late-not-seen' || state.status === 'Untracked') return [noted];
    const seenSince = Object.entries(state.tasks)
      .filter(([, task]) => task.status === 'open')
      .filter(([, task]) => {
        const missed = state.outcomes[task.appointmentId];
        return missed !== undefined && instantMs(missed.startsAt) < startsAt;
      })
      .map(
        ([taskId]): EngagementEvent => ({
          type: 'FollowUpTaskCompleted',
          data: { taskId, episodeId, how: 'attended-since', completedAt: notedAt },
        }),
      );
    return [noted, ...seenSince];
  }

  const events: EngagementEvent[] = [
    { type: 'DidNotAttendNoted', data: { episodeId, patientSubjectId, appointmentId, appointmentStartsAt, notedAt } },
    {
      type: 'FollowUpTaskCreated',
      data: {
        taskId: followUpTaskIdFor(appointmentId),
        episodeId,
        patientSubjectId,
        appointmentId,
        dueOn: addWorkingDays(londonDateOf(notedAt), FOLLOW_UP_WORKING_DAYS, command.bankHolidays ?? []),
        createdAt: notedAt,
      },
    },
  ];
  const after = fold(engagementDecider, events, state);
  const run = consecutiveDnas(after);
  const alreadyReviewed = after.status === 'Tracked' && after.reviews.some((ids) => ids.some((id) => run.includes(id)));
  if (run.length >= DNAS_BEFORE_REVIEW && !alreadyReviewed) {
    const organisation = command.organisationId === undefined ? {} : { organisationId: command.organisationId };
    events.push({
      type: 'EngagementReviewNeeded',
      data: { episodeId, patientSubjectId, ...organisation, dnaAppointmentIds: run, raisedAt: notedAt },
    });
  }
  return events;
}

function recordContactAttempt(command: RecordContactAttempt, state: EngagementState): EngagementEvent[] {
  const task = state.status === 'Tracked' ? state.tasks[command.taskId] : undefined;
  if (state.status === 'Untracked' || !task) {
    throw new DomainError('TASK_NOT_FOUND', 'No such follow-up task', { taskId: command.taskId });
  }
  if (task.attemptIds.includes(command.attemptId)) return [];
  if (!includes(CONTACT_METHODS, command.method) || !includes(CONTACT_OUTCOMES, command.outcome)) {
    throw new DomainError('INVALID_CONTACT', 'Unknown contact method or outcome');
  }
  if (task.status === 'completed') {
    throw new DomainError('ILLEGAL_TRANSITION', 'The follow-up task is already completed', { taskId: command.taskId });
  }
  const at = instantMs(command.attemptedAt, 'attemptedAt');
  const { episodeId } = state;
  const events: EngagementEvent[] = [
    {
      type: 'ContactAttemptRecorded',
      data: {
        taskId: command.taskId,
        attemptId: command.attemptId,
        episodeId,
        method: command.method,
        outcome: command.outcome,
        attemptedBy: command.attemptedBy,
        attemptedAt: command.attemptedAt,
      },
    },
  ];
  if (command.outcome === 'reached') {
    // One conversation re-engages the person for every missed appointment before it.
    for (const [taskId, open] of Object.entries(state.tasks)) {
      const missed = state.outcomes[open.appointmentId];
      if (open.status !== 'open' || (taskId !== command.taskId && (!missed || instantMs(missed.startsAt) >= at))) continue;
      events.push({ type: 'FollowUpTaskCompleted', data: { taskId, episodeId, how: 'contact-made', completedAt: command.attemptedAt } });
    }
  }
  return events;
}
