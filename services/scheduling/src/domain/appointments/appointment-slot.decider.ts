import { DomainError, assertNever, type Decider } from '@stepwell/decider';
import { sameFacts } from '@stepwell/decider';
import { bookabilityOf } from '../slots/slot-bookability';
import { instantMs } from '../time/europe-london';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  CANCELLATION_REASONS,
  CANCELLED_BY,
  EMBARGOES,
  SESSION_CANCELLATION_REASONS,
  includes,
} from '../vocabulary';
import { assertPatientNotDoubleBooked } from './patient-double-booking';
import type {
  AppointmentRef,
  AppointmentSlotCommand,
  AppointmentSlotEvent,
  AppointmentSlotState,
  Attendance,
  BookAppointment,
  Booking,
  BookingRequest,
  CancelAppointment,
  MoveAppointmentIn,
  OpenSlot,
  RecordAttendance,
  RescheduleAppointment,
  SlotFacts,
  WithdrawSlot,
} from './appointment-slot.types';

/** Longest attended duration accepted: a double session with a margin, not a typo in minutes. */
export const MAX_ATTENDED_MINUTES = 240;

/**
 * One slot and the appointments that hold it. Refusal codes: SLOT_NOT_FOUND, SLOT_FACTS_CONFLICT,
 * SLOT_ALREADY_BOOKED, NOT_BOOKABLE, MODE_NOT_OFFERED, PURPOSE_NOT_OFFERED, PATIENT_DOUBLE_BOOKED,
 * APPOINTMENT_ID_CONFLICT, APPOINTMENT_NOT_FOUND, APPOINTMENT_ALREADY_STARTED, SAME_SLOT, ILLEGAL_TRANSITION,
 * ATTENDANCE_BEFORE_START, INVALID_DURATION, INVALID_ATTENDANCE, INVALID_REASON, INVALID_CANCELLED_BY,
 * INVALID_SLOT, INVALID_INSTANT.
 */
export const appointmentSlotDecider: Decider<AppointmentSlotCommand, AppointmentSlotEvent, AppointmentSlotState> = {
  initialState: { status: 'Unopened' },
  decide(command, state) {
    switch (command.type) {
      case 'OpenSlot':
        return openSlot(command, state);
      case 'WithdrawSlot':
        return withdrawSlot(command, state);
      case 'BookAppointment':
        return book(command, state);
      case 'MoveAppointmentIn':
        return book(command, state);
      case 'RescheduleAppointment':
        return moveOut(command, state);
      case 'CancelAppointment':
        return cancel(command, state);
      case 'RecordAttendance':
        return recordAttendance(command, state);
      default:
        return assertNever(command, 'appointment-slot command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SlotOpened': {
        const { openedAt: _openedAt, ...slot } = event.data;
        return { status: 'Open', slot, departed: {} };
      }
      case 'SlotWithdrawn':
        return state.status === 'Unopened' ? state : { status: 'Withdrawn', slot: state.slot, departed: state.departed };
      case 'AppointmentBooked':
      case 'AppointmentMovedIn': {
        if (state.status === 'Unopened') return state;
        const booking: Booking = {
          appointmentId: event.data.appointmentId,
          patientSubjectId: event.data.patientSubjectId,
          episodeId: event.data.episodeId,
          purpose: event.data.purpose,
          mode: event.data.mode,
          bookedBy: event.data.bookedBy,
          ...(event.type === 'AppointmentMovedIn' ? { fromSlotId: event.data.fromSlotId } : {}),
        };
        return { status: 'Booked', slot: state.slot, booking, departed: state.departed };
      }
      case 'AppointmentMovedOut':
        if (state.status === 'Unopened') return state;
        return {
          status: state.status === 'Withdrawn' ? 'Withdrawn' : 'Open',
          slot: state.slot,
          departed: { ...state.departed, [event.data.appointmentId]: { how: 'moved-out', toSlotId: event.data.toSlotId } },
        };
      case 'AppointmentCancelled':
        if (state.status === 'Unopened') return state;
        return {
          // A withdrawal cancels the booking first and withdraws next; the slot reopens only in between.
          status: state.status === 'Withdrawn' ? 'Withdrawn' : 'Open',
          slot: state.slot,
          departed: {
            ...state.departed,
            [event.data.appointmentId]: { how: 'cancelled', cancelledBy: event.data.cancelledBy, reason: event.data.reason },
          },
        };
      case 'AppointmentAttended':
      case 'AppointmentNotAttended': {
        if (state.status !== 'Booked') return state;
        const attendance: Attendance =
          event.type === 'AppointmentAttended'
            ? { outcome: 'attended', durationMinutes: event.data.durationMinutes }
            : { outcome: event.data.outcome };
        return { ...state, status: 'Concluded', attendance };
      }
      default:
        return assertNever(event, 'appointment-slot event');
    }
  },
};

function openSlot(command: OpenSlot, state: AppointmentSlotState): AppointmentSlotEvent[] {
  const { type: _type, openedAt, ...facts } = command;
  if (instantMs(facts.endsAt, 'endsAt') <= instantMs(facts.startsAt, 'startsAt') || !includes(EMBARGOES, facts.embargo)) {
    throw new DomainError('INVALID_SLOT', 'A slot must end after it starts and have a known embargo', { slotId: facts.slotId });
  }
  if (state.status !== 'Unopened') {
    if (sameFacts(state.slot, facts)) return [];
    throw new DomainError('SLOT_FACTS_CONFLICT', 'The slot is already open with other facts', { slotId: facts.slotId });
  }
  return [{ type: 'SlotOpened', data: { ...facts, openedAt } }];
}

function withdrawSlot(command: WithdrawSlot, state: AppointmentSlotState): AppointmentSlotEvent[] {
  if (!includes(SESSION_CANCELLATION_REASONS, command.reason)) {
    throw new DomainError('INVALID_REASON', `Reason must be one of ${SESSION_CANCELLATION_REASONS.join(', ')}`);
  }
  const withdrawn: AppointmentSlotEvent = {
    type: 'SlotWithdrawn',
    data: { slotId: command.slotId, reason: command.reason, withdrawnBy: command.withdrawnBy, withdrawnAt: command.withdrawnAt },
  };
  switch (state.status) {
    case 'Unopened':
      throw new DomainError('SLOT_NOT_FOUND', 'No such slot', { slotId: command.slotId });
    case 'Withdrawn':
      return [];
    case 'Open':
      return [withdrawn];
    case 'Booked':
      // The person loses their appointment through no doing of theirs: a cancellation by the service, published
      // like any other so that reminders are withdrawn and the waiting list offers them another slot.
      return [
        {
          type: 'AppointmentCancelled',
          data: {
            ...refOf(state.slot, state.booking),
            cancelledBy: 'service',
            reason: 'session-cancelled',
            recordedBy: command.withdrawnBy,
            cancelledAt: command.withdrawnAt,
          },
        },
        withdrawn,
      ];
    case 'Concluded':
      throw illegal('WithdrawSlot', state);
    default:
      return assertNever(state, 'state');
  }
}

function book(command: BookAppointment | MoveAppointmentIn, state: AppointmentSlotState): AppointmentSlotEvent[] {
  const request = requestOf(command);
  const fromSlotId = command.type === 'MoveAppointmentIn' ? command.fromSlotId : undefined;
  if (fromSlotId === command.slotId) {
    throw new DomainError('SAME_SLOT', 'An appointment cannot be moved to the slot it holds', { slotId: command.slotId });
  }
  switch (state.status) {
    case 'Unopened':
      throw new DomainError('SLOT_NOT_FOUND', 'No such slot', { slotId: command.slotId });
    case 'Withdrawn':
      throw new DomainError('NOT_BOOKABLE', 'The slot was withdrawn', { slotId: command.slotId, reason: 'withdrawn' });
    case 'Booked':
    case 'Concluded': {
      if (state.booking.appointmentId !== request.appointmentId) {
        throw new DomainError('SLOT_ALREADY_BOOKED', 'Someone else holds this slot', { slotId: command.slotId });
      }
      // The same request again (a retry, or a lost response): already booked, nothing new happens.
      if (sameFacts(state.booking, { ...request, ...(fromSlotId ? { fromSlotId } : {}) })) return [];
      throw new DomainError('APPOINTMENT_ID_CONFLICT', 'This appointment id was booked with other details', {
        appointmentId: request.appointmentId,
      });
    }
    case 'Open':
      break;
    default:
      return assertNever(state, 'state');
  }

  if (state.departed[request.appointmentId]) {
    throw new DomainError('APPOINTMENT_ID_CONFLICT', 'This appointment already left this slot; book with a new id', {
      appointmentId: request.appointmentId,
    });
  }
  const at = command.type === 'BookAppointment' ? command.bookedAt : command.movedAt;
  const bookability = bookabilityOf(state.slot, at);
  if (!bookability.bookable) {
    throw new DomainError('NOT_BOOKABLE', 'The slot cannot be booked now', { slotId: command.slotId, ...bookability });
  }
  if (!state.slot.modes.includes(request.mode)) {
    throw new DomainError('MODE_NOT_OFFERED', 'The slot is not offered in that mode', { mode: request.mode });
  }
  if (!state.slot.purposes.includes(request.purpose)) {
    throw new DomainError('PURPOSE_NOT_OFFERED', 'The slot is not offered for that purpose', { purpose: request.purpose });
  }
  assertPatientNotDoubleBooked(state.slot, command.patientAppointments, request.appointmentId);

  const ref = refOf(state.slot, request);
  if (command.type === 'BookAppointment') {
    return [{ type: 'AppointmentBooked', data: { ...ref, bookedBy: request.bookedBy, bookedAt: command.bookedAt } }];
  }
  return [
    {
      type: 'AppointmentMovedIn',
      data: { ...ref, fromSlotId: command.fromSlotId, bookedBy: request.bookedBy, movedAt: command.movedAt },
    },
  ];
}

function moveOut(command: RescheduleAppointment, state: AppointmentSlotState): AppointmentSlotEvent[] {
  if (!includes(CANCELLED_BY, command.requestedBy)) {
    throw new DomainError('INVALID_CANCELLED_BY', `requestedBy must be one of ${CANCELLED_BY.join(', ')}`);
  }
  const departed = state.status === 'Unopened' ? undefined : state.departed[command.appointmentId];
  if (departed?.how === 'moved-out' && departed.toSlotId === command.toSlotId) return [];
  const booked = heldBooking(command.appointmentId, state, 'RescheduleAppointment');
  if (command.toSlotId === booked.slot.slotId) {
    throw new DomainError('SAME_SLOT', 'An appointment cannot be moved to the slot it holds', { slotId: command.toSlotId });
  }
  assertNotStarted(booked.slot, command.rescheduledAt, 'rescheduledAt');
  return [
    {
      type: 'AppointmentMovedOut',
      data: {
        ...refOf(booked.slot, booked.booking),
        toSlotId: command.toSlotId,
        requestedBy: command.requestedBy,
        rescheduledBy: command.rescheduledBy,
        rescheduledAt: command.rescheduledAt,
      },
    },
  ];
}

/**
 * The booking a reschedule would move, checked on the source slot before the target is touched (the handler
 * builds `MoveAppointmentIn` from it). Same refusals as `RescheduleAppointment`.
 */
export function bookingToMove(
  state: AppointmentSlotState,
  appointmentId: string,
  at: string,
): { slot: SlotFacts; booking: Booking } {
  const booked = heldBooking(appointmentId, state, 'RescheduleAppointment');
  assertNotStarted(booked.slot, at, 'rescheduledAt');
  return booked;
}

function cancel(command: CancelAppointment, state: AppointmentSlotState): AppointmentSlotEvent[] {
  if (!includes(CANCELLED_BY, command.cancelledBy)) {
    throw new DomainError('INVALID_CANCELLED_BY', `cancelledBy must be one of ${CANCELLED_BY.join(', ')}`);
  }
  if (!includes(CANCELLATION_REASONS, command.reason)) {
    throw new DomainError('INVALID_REASON', `Reason must be one of ${CANCELLATION_REASONS.join(', ')}`);
  }
  const departed = state.status === 'Unopened' ? undefined : state.departed[command.appointmentId];
  if (departed?.how === 'cancelled') return [];
  const booked = heldBooking(command.appointmentId, state, 'CancelAppointment');
  // Once the time has come the appointment is attended or missed, not cancelled: that is what the DNA rules see.
  assertNotStarted(booked.slot, command.cancelledAt, 'cancelledAt');
  return [
    {
      type: 'AppointmentCancelled',
      data: {
        ...refOf(booked.slot, booked.booking),
        cancelledBy: command.cancelledBy,
        reason: command.reason,
        recordedBy: command.recordedBy,
        cancelledAt: command.cancelledAt,
      },
    },
  ];
}

function recordAttendance(command: RecordAttendance, state: AppointmentSlotState): AppointmentSlotEvent[] {
  const attendance = validAttendance(command.attendance);
  if (state.status === 'Concluded' && state.booking.appointmentId === command.appointmentId) {
    if (sameFacts(state.attendance, attendance)) return [];
    // A correction is a different fact (and a different event) from a first record; not offered yet.
    throw illegal('RecordAttendance', state);
  }
  const booked = heldBooking(command.appointmentId, state, 'RecordAttendance');
  if (instantMs(command.recordedAt, 'recordedAt') < instantMs(booked.slot.startsAt)) {
    throw new DomainError('ATTENDANCE_BEFORE_START', 'Attendance can be recorded only once the appointment has started', {
      appointmentId: command.appointmentId,
    });
  }
  const ref = refOf(booked.slot, booked.booking);
  const by = { recordedBy: command.recordedBy, recordedAt: command.recordedAt };
  if (attendance.outcome === 'attended') {
    return [{ type: 'AppointmentAttended', data: { ...ref, durationMinutes: attendance.durationMinutes, ...by } }];
  }
  return [{ type: 'AppointmentNotAttended', data: { ...ref, outcome: attendance.outcome, ...by } }];
}

function validAttendance(attendance: Attendance): Attendance {
  switch (attendance?.outcome) {
    case 'attended': {
      const minutes = attendance.durationMinutes;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ATTENDED_MINUTES) {
        throw new DomainError('INVALID_DURATION', `Attended duration must be 1 to ${MAX_ATTENDED_MINUTES} whole minutes`, {
          durationMinutes: minutes,
        });
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

/** The slot and booking when `appointmentId` holds the slot and has not concluded; refuses otherwise. */
function heldBooking(
  appointmentId: string,
  state: AppointmentSlotState,
  commandType: AppointmentSlotCommand['type'],
): { slot: SlotFacts; booking: Booking } {
  if (state.status === 'Unopened') {
    throw new DomainError('APPOINTMENT_NOT_FOUND', 'No such appointment on this slot', { appointmentId });
  }
  if (state.status === 'Booked' && state.booking.appointmentId === appointmentId) {
    return { slot: state.slot, booking: state.booking };
  }
  const here = state.departed[appointmentId] ?? (state.status === 'Concluded' && state.booking.appointmentId === appointmentId);
  if (here) throw illegal(commandType, state);
  throw new DomainError('APPOINTMENT_NOT_FOUND', 'No such appointment on this slot', { appointmentId });
}

function assertNotStarted(slot: SlotFacts, at: string, field: string): void {
  if (instantMs(at, field) >= instantMs(slot.startsAt)) {
    throw new DomainError('APPOINTMENT_ALREADY_STARTED', 'The appointment has started: record attendance instead', {
      slotId: slot.slotId,
    });
  }
}

function requestOf(command: BookAppointment | MoveAppointmentIn): BookingRequest {
  if (!includes(APPOINTMENT_MODES, command.mode)) {
    throw new DomainError('MODE_NOT_OFFERED', `Mode must be one of ${APPOINTMENT_MODES.join(', ')}`, { mode: command.mode });
  }
  if (!includes(APPOINTMENT_PURPOSES, command.purpose)) {
    throw new DomainError('PURPOSE_NOT_OFFERED', `Purpose must be one of ${APPOINTMENT_PURPOSES.join(', ')}`, {
      purpose: command.purpose,
    });
  }
  return {
    appointmentId: command.appointmentId,
    patientSubjectId: command.patientSubjectId,
    episodeId: command.episodeId,
    purpose: command.purpose,
    mode: command.mode,
    bookedBy: command.bookedBy,
  };
}

function refOf(slot: SlotFacts, booking: BookingRequest): AppointmentRef {
  return {
    appointmentId: booking.appointmentId,
    slotId: slot.slotId,
    patientSubjectId: booking.patientSubjectId,
    episodeId: booking.episodeId,
    clinicianId: slot.clinicianId,
    organisationId: slot.organisationId,
    purpose: booking.purpose,
    mode: booking.mode,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  };
}

function illegal(commandType: AppointmentSlotCommand['type'], state: Exclude<AppointmentSlotState, { status: 'Unopened' }>): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', `${commandType} is not allowed on a slot that is ${state.status}`, {
    command: commandType,
    status: state.status,
  });
}
