import { DomainError, assertNever, type Decider } from '@stepwell/decider';
import { assertPatientNotDoubleBooked } from '../appointments/patient-double-booking';
import { sameFacts } from '@stepwell/decider';
import { instantMs } from '../time/europe-london';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  CANCELLATION_REASONS,
  CANCELLED_BY,
  SESSION_CANCELLATION_REASONS,
  includes,
} from '../vocabulary';
import type { Attendance } from '../appointments/appointment-slot.types';
import type {
  BookGroupPlace,
  CancelGroupPlace,
  CancelGroupSession,
  GroupSessionCommand,
  GroupSessionEvent,
  GroupSessionFacts,
  GroupSessionState,
  RecordGroupAttendance,
  ScheduleGroupSession,
} from './group-session.types';

/** Largest group the service runs in one room or call; larger numbers are almost certainly typing errors. */
export const MAX_GROUP_CAPACITY = 100;
export const MAX_GROUP_MINUTES = 240;

type Live = Exclude<GroupSessionState, { status: 'Unscheduled' }>;

/**
 * A group session with capacity. Refusal codes: INVALID_CAPACITY, SESSION_END_NOT_AFTER_START,
 * SESSION_IN_THE_PAST, INVALID_GROUP_SESSION, GROUP_SESSION_ID_IN_USE, GROUP_SESSION_NOT_FOUND, NOT_BOOKABLE,
 * GROUP_FULL, PATIENT_DOUBLE_BOOKED, PLACE_NOT_FOUND, APPOINTMENT_ALREADY_STARTED, SESSION_ALREADY_STARTED,
 * ATTENDANCE_BEFORE_START, INVALID_DURATION, INVALID_ATTENDANCE, ILLEGAL_TRANSITION, INVALID_REASON,
 * INVALID_CANCELLED_BY, INVALID_INSTANT.
 */
export const groupSessionDecider: Decider<GroupSessionCommand, GroupSessionEvent, GroupSessionState> = {
  initialState: { status: 'Unscheduled' },
  decide(command, state) {
    switch (command.type) {
      case 'ScheduleGroupSession':
        return schedule(command, state);
      case 'BookGroupPlace':
        return bookPlace(command, live(state));
      case 'CancelGroupPlace':
        return cancelPlace(command, live(state));
      case 'RecordGroupAttendance':
        return recordAttendance(command, live(state));
      case 'CancelGroupSession':
        return cancelSession(command, live(state));
      default:
        return assertNever(command, 'group-session command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'GroupSessionScheduled': {
        const { scheduledAt: _scheduledAt, ...session } = event.data;
        return { status: 'Scheduled', session, places: {} };
      }
      case 'GroupPlaceBooked':
        if (state.status === 'Unscheduled') return state;
        return {
          ...state,
          places: { ...state.places, [event.data.patientSubjectId]: { episodeId: event.data.episodeId, status: 'booked' } },
        };
      case 'GroupPlaceCancelled': {
        if (state.status === 'Unscheduled') return state;
        const place = state.places[event.data.patientSubjectId];
        if (!place) return state;
        return { ...state, places: { ...state.places, [event.data.patientSubjectId]: { ...place, status: 'cancelled' } } };
      }
      case 'GroupAttendanceRecorded': {
        if (state.status === 'Unscheduled') return state;
        const place = state.places[event.data.patientSubjectId];
        if (!place) return state;
        return {
          ...state,
          places: { ...state.places, [event.data.patientSubjectId]: { ...place, attendance: event.data.attendance } },
        };
      }
      case 'GroupSessionCancelled':
        return state.status === 'Unscheduled' ? state : { ...state, status: 'Cancelled' };
      default:
        return assertNever(event, 'group-session event');
    }
  },
};

/** Places currently held (booked, not cancelled). */
export function bookedPlaces(state: GroupSessionState): number {
  if (state.status === 'Unscheduled') return 0;
  return Object.values(state.places).filter((place) => place.status === 'booked').length;
}

function live(state: GroupSessionState): Live {
  if (state.status === 'Unscheduled') throw new DomainError('GROUP_SESSION_NOT_FOUND', 'No such group session');
  return state;
}

function schedule(command: ScheduleGroupSession, state: GroupSessionState): GroupSessionEvent[] {
  const { type: _type, scheduledAt, ...facts } = command;
  const session: GroupSessionFacts = { ...facts, facilitatorIds: [...new Set(facts.facilitatorIds ?? [])] };
  if (!Number.isInteger(session.capacity) || session.capacity < 1 || session.capacity > MAX_GROUP_CAPACITY) {
    throw new DomainError('INVALID_CAPACITY', `Capacity must be 1 to ${MAX_GROUP_CAPACITY} places`, { capacity: session.capacity });
  }
  if (
    session.facilitatorIds.length === 0 ||
    !includes(APPOINTMENT_MODES, session.mode) ||
    !includes(APPOINTMENT_PURPOSES, session.purpose) ||
    !session.programmeCode
  ) {
    throw new DomainError('INVALID_GROUP_SESSION', 'A group needs a facilitator, a programme, a known mode and purpose');
  }
  const start = instantMs(session.startsAt, 'startsAt');
  const end = instantMs(session.endsAt, 'endsAt');
  if (end <= start || end - start > MAX_GROUP_MINUTES * 60_000) {
    throw new DomainError('SESSION_END_NOT_AFTER_START', `A group must end after it starts, within ${MAX_GROUP_MINUTES} minutes`);
  }
  if (state.status !== 'Unscheduled') {
    if (sameFacts(state.session, session)) return [];
    throw new DomainError('GROUP_SESSION_ID_IN_USE', 'Another group session already has this id', {
      groupSessionId: session.groupSessionId,
    });
  }
  if (start <= instantMs(scheduledAt, 'scheduledAt')) {
    throw new DomainError('SESSION_IN_THE_PAST', 'A group session must start after it is scheduled');
  }
  return [{ type: 'GroupSessionScheduled', data: { ...session, scheduledAt } }];
}

function bookPlace(command: BookGroupPlace, state: Live): GroupSessionEvent[] {
  const place = state.places[command.patientSubjectId];
  if (place?.status === 'booked') {
    if (place.episodeId === command.episodeId) return [];
    throw new DomainError('ILLEGAL_TRANSITION', 'The patient already holds a place for another episode');
  }
  if (state.status === 'Cancelled') {
    throw new DomainError('NOT_BOOKABLE', 'The group session was cancelled', { reason: 'cancelled' });
  }
  if (instantMs(command.bookedAt, 'bookedAt') >= instantMs(state.session.startsAt)) {
    throw new DomainError('NOT_BOOKABLE', 'The group session has started', { reason: 'in-the-past' });
  }
  const held = bookedPlaces(state);
  if (held >= state.session.capacity) {
    throw new DomainError('GROUP_FULL', 'Every place is taken', { capacity: state.session.capacity });
  }
  assertPatientNotDoubleBooked(state.session, command.patientAppointments);
  return [
    {
      type: 'GroupPlaceBooked',
      data: {
        groupSessionId: state.session.groupSessionId,
        patientSubjectId: command.patientSubjectId,
        episodeId: command.episodeId,
        bookedBy: command.bookedBy,
        bookedAt: command.bookedAt,
        placesLeft: state.session.capacity - held - 1,
      },
    },
  ];
}

function cancelPlace(command: CancelGroupPlace, state: Live): GroupSessionEvent[] {
  if (!includes(CANCELLED_BY, command.cancelledBy)) {
    throw new DomainError('INVALID_CANCELLED_BY', `cancelledBy must be one of ${CANCELLED_BY.join(', ')}`);
  }
  if (!includes(CANCELLATION_REASONS, command.reason)) {
    throw new DomainError('INVALID_REASON', `Reason must be one of ${CANCELLATION_REASONS.join(', ')}`);
  }
  const place = state.places[command.patientSubjectId];
  if (!place) throw new DomainError('PLACE_NOT_FOUND', 'The patient holds no place in this group');
  if (place.status === 'cancelled') return [];
  if (place.attendance) throw illegal('CancelGroupPlace', 'attendance is recorded');
  if (instantMs(command.cancelledAt, 'cancelledAt') >= instantMs(state.session.startsAt)) {
    throw new DomainError('APPOINTMENT_ALREADY_STARTED', 'The group has started: record attendance instead');
  }
  return [
    {
      type: 'GroupPlaceCancelled',
      data: {
        groupSessionId: state.session.groupSessionId,
        patientSubjectId: command.patientSubjectId,
        episodeId: place.episodeId,
        cancelledBy: command.cancelledBy,
        reason: command.reason,
        recordedBy: command.recordedBy,
        cancelledAt: command.cancelledAt,
      },
    },
  ];
}

function recordAttendance(command: RecordGroupAttendance, state: Live): GroupSessionEvent[] {
  const attendance = validAttendance(command.attendance, state.session);
  const place = state.places[command.patientSubjectId];
  if (!place) throw new DomainError('PLACE_NOT_FOUND', 'The patient holds no place in this group');
  if (place.status === 'cancelled') throw illegal('RecordGroupAttendance', 'the place was cancelled');
  if (state.status === 'Cancelled') throw illegal('RecordGroupAttendance', 'the group session was cancelled');
  if (place.attendance) {
    if (sameFacts(place.attendance, attendance)) return [];
    throw illegal('RecordGroupAttendance', 'attendance is already recorded');
  }
  if (instantMs(command.recordedAt, 'recordedAt') < instantMs(state.session.startsAt)) {
    throw new DomainError('ATTENDANCE_BEFORE_START', 'Attendance can be recorded only once the group has started');
  }
  return [
    {
      type: 'GroupAttendanceRecorded',
      data: {
        groupSessionId: state.session.groupSessionId,
        patientSubjectId: command.patientSubjectId,
        episodeId: place.episodeId,
        purpose: state.session.purpose,
        startsAt: state.session.startsAt,
        attendance,
        recordedBy: command.recordedBy,
        recordedAt: command.recordedAt,
      },
    },
  ];
}

function cancelSession(command: CancelGroupSession, state: Live): GroupSessionEvent[] {
  if (state.status === 'Cancelled') return [];
  if (!includes(SESSION_CANCELLATION_REASONS, command.reason)) {
    throw new DomainError('INVALID_REASON', `Reason must be one of ${SESSION_CANCELLATION_REASONS.join(', ')}`);
  }
  if (instantMs(command.cancelledAt, 'cancelledAt') >= instantMs(state.session.startsAt)) {
    throw new DomainError('SESSION_ALREADY_STARTED', 'A group session that has started cannot be cancelled');
  }
  const { groupSessionId } = state.session;
  // Each person loses their place by the service's doing: their own event, so reminders and waits see it.
  const placesCancelled: GroupSessionEvent[] = Object.entries(state.places)
    .filter(([, place]) => place.status === 'booked')
    .map(([patientSubjectId, place]) => ({
      type: 'GroupPlaceCancelled',
      data: {
        groupSessionId,
        patientSubjectId,
        episodeId: place.episodeId,
        cancelledBy: 'service',
        reason: 'session-cancelled',
        recordedBy: command.cancelledBy,
        cancelledAt: command.cancelledAt,
      },
    }));
  return [
    ...placesCancelled,
    {
      type: 'GroupSessionCancelled',
      data: { groupSessionId, reason: command.reason, cancelledBy: command.cancelledBy, cancelledAt: command.cancelledAt },
    },
  ];
}

function validAttendance(attendance: Attendance, session: GroupSessionFacts): Attendance {
  switch (attendance?.outcome) {
    case 'attended': {
      const minutes = attendance.durationMinutes;
      const longest = (instantMs(session.endsAt) - instantMs(session.startsAt)) / 60_000;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > longest) {
        throw new DomainError('INVALID_DURATION', `Attended duration must be 1 to ${longest} whole minutes`);
      }
      return { outcome: 'attended', durationMinutes: minutes };
    }
    case 'did-not-attend':
    case 'arrived-late-not-seen':
      return { outcome: attendance.outcome };
    default:
      throw new DomainError('INVALID_ATTENDANCE', 'Attendance is attended, did-not-attend or arrived-late-not-seen');
  }
}

function illegal(command: GroupSessionCommand['type'], why: string): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', `${command} is not allowed: ${why}`, { command });
}
