import { DomainError, assertNever, type Decider } from '@stepwell/decider';
import { MINUTE_MS, SESSION_TIME_POLICY, instantMs, londonToInstant, toInstant } from '../time/europe-london';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  EMBARGOES,
  SESSION_CANCELLATION_REASONS,
  SLOT_LENGTHS_MINUTES,
  includes,
} from '../vocabulary';
import { layOutSlots } from './slot-layout';
import type {
  AddDiarySession,
  CancelDiarySession,
  DiaryCommand,
  DiaryEvent,
  DiarySession,
  DiarySessionAddedData,
  DiaryState,
} from './diary.types';
import { sameFacts } from '@stepwell/decider';

/**
 * A clinician's diary: sessions of bookable slots. The diary owns "no two sessions of one clinician overlap";
 * each slot's bookings live in its own stream (appointment-slot decider).
 *
 * Refusal codes: CLINICIAN_MISMATCH, INVALID_LOCAL_DATE, INVALID_LOCAL_TIME, INVALID_INSTANT,
 * LOCAL_TIME_IN_DST_GAP, SESSION_END_NOT_AFTER_START, SLOT_LENGTH_NOT_ALLOWED,
 * SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION, INVALID_MODES, INVALID_PURPOSES, INVALID_EMBARGO, SESSION_IN_THE_PAST,
 * SESSION_OVERLAPS, SESSION_ID_IN_USE, SESSION_NOT_FOUND, SESSION_ALREADY_STARTED, INVALID_REASON.
 */
export const diaryDecider: Decider<DiaryCommand, DiaryEvent, DiaryState> = {
  initialState: { status: 'Empty' },
  decide(command, state) {
    switch (command.type) {
      case 'AddDiarySession':
        return addSession(command, state);
      case 'CancelDiarySession':
        return cancelSession(command, state);
      default:
        return assertNever(command, 'diary command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DiarySessionAdded': {
        const sessions = state.status === 'Kept' ? state.sessions : {};
        return {
          status: 'Kept',
          clinicianId: event.data.clinicianId,
          sessions: { ...sessions, [event.data.sessionId]: { ...event.data, status: 'scheduled' } },
        };
      }
      case 'DiarySessionCancelled': {
        if (state.status !== 'Kept') return state;
        const session = state.sessions[event.data.sessionId];
        if (!session) return state;
        return { ...state, sessions: { ...state.sessions, [session.sessionId]: { ...session, status: 'cancelled' } } };
      }
      default:
        return assertNever(event, 'diary event');
    }
  },
};

function addSession(command: AddDiarySession, state: DiaryState): DiaryEvent[] {
  if (state.status === 'Kept' && state.clinicianId !== command.clinicianId) {
    throw new DomainError('CLINICIAN_MISMATCH', 'This diary belongs to another clinician', {
      sessionId: command.sessionId,
    });
  }
  const session = sessionFrom(command);

  const existing = state.status === 'Kept' ? state.sessions[command.sessionId] : undefined;
  if (existing) {
    // The same request again is already in the diary; anything else reusing the id is a client error.
    if (existing.status === 'scheduled' && sameRequest(existing, session)) return [];
    throw new DomainError('SESSION_ID_IN_USE', 'A different session already has this id', {
      sessionId: command.sessionId,
    });
  }

  if (instantMs(session.startsAt) <= instantMs(command.addedAt, 'addedAt')) {
    throw new DomainError('SESSION_IN_THE_PAST', 'A session must start after it is added', {
      sessionId: command.sessionId,
    });
  }
  if (state.status === 'Kept') {
    const start = instantMs(session.startsAt);
    const end = instantMs(session.endsAt);
    const clash = Object.values(state.sessions).find(
      (other) => other.status === 'scheduled' && instantMs(other.startsAt) < end && start < instantMs(other.endsAt),
    );
    if (clash) {
      throw new DomainError('SESSION_OVERLAPS', 'The clinician already has a session at that time', {
        sessionId: command.sessionId,
        overlapsSessionId: clash.sessionId,
      });
    }
  }
  return [{ type: 'DiarySessionAdded', data: session }];
}

function sessionFrom(command: AddDiarySession): DiarySessionAddedData {
  if (!(SLOT_LENGTHS_MINUTES as readonly number[]).includes(command.slotLengthMinutes)) {
    throw new DomainError('SLOT_LENGTH_NOT_ALLOWED', 'Slots last 15, 30, 45 or 60 minutes', {
      slotLengthMinutes: command.slotLengthMinutes,
    });
  }
  const slotLengthMinutes = command.slotLengthMinutes as DiarySessionAddedData['slotLengthMinutes'];
  const modes = distinct(command.modes);
  if (modes.length === 0 || !modes.every((mode) => includes(APPOINTMENT_MODES, mode))) {
    throw new DomainError('INVALID_MODES', `Modes must be a non-empty subset of ${APPOINTMENT_MODES.join(', ')}`);
  }
  const purposes = distinct(command.purposes);
  if (purposes.length === 0 || !purposes.every((purpose) => includes(APPOINTMENT_PURPOSES, purpose))) {
    throw new DomainError('INVALID_PURPOSES', `Purposes must be a non-empty subset of ${APPOINTMENT_PURPOSES.join(', ')}`);
  }
  if (!includes(EMBARGOES, command.embargo)) {
    throw new DomainError('INVALID_EMBARGO', `Embargo must be one of ${EMBARGOES.join(', ')}`);
  }

  const start = instantMs(londonToInstant(command.date, command.startTime, SESSION_TIME_POLICY));
  const end = instantMs(londonToInstant(command.date, command.endTime, SESSION_TIME_POLICY));
  if (end <= start) {
    throw new DomainError('SESSION_END_NOT_AFTER_START', 'A session must end after it starts', {
      date: command.date,
      startTime: command.startTime,
      endTime: command.endTime,
    });
  }
  const minutes = (end - start) / MINUTE_MS;
  if (minutes % slotLengthMinutes !== 0) {
    throw new DomainError('SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION', 'The session is not a whole number of slots', {
      sessionMinutes: minutes,
      slotLengthMinutes,
    });
  }

  return {
    sessionId: command.sessionId,
    clinicianId: command.clinicianId,
    organisationId: command.organisationId,
    siteId: command.siteId,
    date: command.date,
    startTime: command.startTime,
    endTime: command.endTime,
    startsAt: toInstant(start),
    endsAt: toInstant(end),
    slotLengthMinutes,
    // Canonical order, so that a repeated request listing the same modes differently is still the same request.
    modes: APPOINTMENT_MODES.filter((mode) => modes.includes(mode)),
    purposes: APPOINTMENT_PURPOSES.filter((purpose) => purposes.includes(purpose)),
    embargo: command.embargo,
    slots: layOutSlots(command.sessionId, start, end, slotLengthMinutes),
    addedAt: command.addedAt,
  };
}

function cancelSession(command: CancelDiarySession, state: DiaryState): DiaryEvent[] {
  const session = state.status === 'Kept' ? state.sessions[command.sessionId] : undefined;
  if (!session) {
    throw new DomainError('SESSION_NOT_FOUND', 'No such session in this diary', { sessionId: command.sessionId });
  }
  if (session.status === 'cancelled') return [];
  if (!includes(SESSION_CANCELLATION_REASONS, command.reason)) {
    throw new DomainError('INVALID_REASON', `Reason must be one of ${SESSION_CANCELLATION_REASONS.join(', ')}`);
  }
  if (instantMs(command.cancelledAt, 'cancelledAt') >= instantMs(session.startsAt)) {
    // Once it has begun, appointments may already be attended: cancel the remaining ones one by one instead.
    throw new DomainError('SESSION_ALREADY_STARTED', 'A session that has started cannot be cancelled', {
      sessionId: session.sessionId,
    });
  }
  return [
    {
      type: 'DiarySessionCancelled',
      data: {
        sessionId: session.sessionId,
        clinicianId: session.clinicianId,
        reason: command.reason,
        slotIds: session.slots.map((slot) => slot.slotId),
        cancelledAt: command.cancelledAt,
      },
    },
  ];
}

function sameRequest(existing: DiarySession, requested: DiarySessionAddedData): boolean {
  const { addedAt: _a, status: _s, ...left } = existing;
  const { addedAt: _b, ...right } = requested;
  return sameFacts(left, right);
}

function distinct<T>(values: readonly T[] | undefined): T[] {
  return Array.isArray(values) ? [...new Set(values)] : [];
}
