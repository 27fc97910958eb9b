import { fold } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import { appointmentSlotDecider, bookingToMove } from './appointment-slot.decider';
import type {
  AppointmentRef,
  AppointmentSlotEvent,
  BookAppointment,
  CancelAppointment,
  MoveAppointmentIn,
  OpenSlot,
  RecordAttendance,
  RescheduleAppointment,
  SlotFacts,
  WithdrawSlot,
} from './appointment-slot.types';

const given = givenFor(appointmentSlotDecider);

const facts: SlotFacts = {
  slotId: 'slot-1',
  sessionId: 'session-1',
  clinicianId: 'clinician-1',
  organisationId: 'org-1',
  siteId: 'site-1',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T09:30:00.000Z',
  embargo: 'none',
  modes: ['face-to-face', 'video'],
  purposes: ['assessment', 'treatment'],
};
const before = '2026-11-20T10:00:00.000Z';
const during = '2026-12-01T09:10:00.000Z';

const open: OpenSlot = { type: 'OpenSlot', openedAt: '2026-11-01T00:00:00.000Z', ...facts };
const opened: AppointmentSlotEvent = { type: 'SlotOpened', data: { ...facts, openedAt: '2026-11-01T00:00:00.000Z' } };

const bookCmd = (overrides: Partial<BookAppointment> = {}): BookAppointment => ({
  type: 'BookAppointment',
  slotId: 'slot-1',
  appointmentId: 'appt-1',
  patientSubjectId: 'patient-1',
  episodeId: 'episode-1',
  purpose: 'treatment',
  mode: 'video',
  bookedBy: 'user-1',
  bookedAt: before,
  patientAppointments: [],
  ...overrides,
});

const ref: AppointmentRef = {
  appointmentId: 'appt-1',
  slotId: 'slot-1',
  patientSubjectId: 'patient-1',
  episodeId: 'episode-1',
  clinicianId: 'clinician-1',
  organisationId: 'org-1',
  purpose: 'treatment',
  mode: 'video',
  startsAt: facts.startsAt,
  endsAt: facts.endsAt,
};
const booked: AppointmentSlotEvent = { type: 'AppointmentBooked', data: { ...ref, bookedBy: 'user-1', bookedAt: before } };

const cancelCmd = (overrides: Partial<CancelAppointment> = {}): CancelAppointment => ({
  type: 'CancelAppointment',
  appointmentId: 'appt-1',
  cancelledBy: 'patient',
  reason: 'patient-request',
  recordedBy: 'user-2',
  cancelledAt: '2026-11-25T10:00:00.000Z',
  ...overrides,
});
const cancelled: AppointmentSlotEvent = {
  type: 'AppointmentCancelled',
  data: { ...ref, cancelledBy: 'patient', reason: 'patient-request', recordedBy: 'user-2', cancelledAt: '2026-11-25T10:00:00.000Z' },
};

const attendance = (overrides: Partial<RecordAttendance> = {}): RecordAttendance => ({
  type: 'RecordAttendance',
  appointmentId: 'appt-1',
  attendance: { outcome: 'attended', durationMinutes: 28 },
  recordedBy: 'clinician-user',
  recordedAt: during,
  ...overrides,
});
const attended: AppointmentSlotEvent = {
  type: 'AppointmentAttended',
  data: { ...ref, durationMinutes: 28, recordedBy: 'clinician-user', recordedAt: during },
};

const reschedule = (overrides: Partial<RescheduleAppointment> = {}): RescheduleAppointment => ({
  type: 'RescheduleAppointment',
  appointmentId: 'appt-1',
  toSlotId: 'slot-2',
  requestedBy: 'patient',
  rescheduledBy: 'user-3',
  rescheduledAt: '2026-11-26T10:00:00.000Z',
  ...overrides,
});
const movedOut: AppointmentSlotEvent = {
  type: 'AppointmentMovedOut',
  data: { ...ref, toSlotId: 'slot-2', requestedBy: 'patient', rescheduledBy: 'user-3', rescheduledAt: '2026-11-26T10:00:00.000Z' },
};

const moveIn = (overrides: Partial<MoveAppointmentIn> = {}): MoveAppointmentIn => ({
  type: 'MoveAppointmentIn',
  slotId: 'slot-1',
  fromSlotId: 'slot-0',
  appointmentId: 'appt-1',
  patientSubjectId: 'patient-1',
  episodeId: 'episode-1',
  purpose: 'treatment',
  mode: 'video',
  bookedBy: 'user-3',
  movedAt: before,
  patientAppointments: [{ appointmentId: 'appt-1', startsAt: '2026-11-30T09:00:00.000Z', endsAt: '2026-11-30T09:30:00.000Z' }],
  ...overrides,
});
const movedIn: AppointmentSlotEvent = {
  type: 'AppointmentMovedIn',
  data: { ...ref, fromSlotId: 'slot-0', bookedBy: 'user-3', movedAt: before },
};

const withdraw: WithdrawSlot = {
  type: 'WithdrawSlot',
  slotId: 'slot-1',
  reason: 'clinician-unavailable',
  withdrawnBy: 'user-9',
  withdrawnAt: '2026-11-28T08:00:00.000Z',
};
const withdrawn: AppointmentSlotEvent = {
  type: 'SlotWithdrawn',
  data: { slotId: 'slot-1', reason: 'clinician-unavailable', withdrawnBy: 'user-9', withdrawnAt: '2026-11-28T08:00:00.000Z' },
};

describe('appointment slot', () => {
  describe('opening', () => {
    it('opens a slot with the diary facts', () => {
      given([]).when(open).then([opened]);
    });

    it('returns no events when the same slot is opened again', () => {
      given([opened]).when({ ...open, openedAt: '2026-11-02T00:00:00.000Z' }).then([]);
    });

    it('refuses to reopen a slot with other facts', () => {
      given([opened]).when({ ...open, endsAt: '2026-12-01T10:00:00.000Z' }).thenThrows('SLOT_FACTS_CONFLICT');
    });

    it('refuses a slot that ends before it starts or has an unknown embargo', () => {
      given([]).when({ ...open, endsAt: facts.startsAt }).thenThrows('INVALID_SLOT');
      given([]).when({ ...open, embargo: 'tuesdays' as never }).thenThrows('INVALID_SLOT');
    });
  });

  describe('booking', () => {
    it('books an open slot for the patient', () => {
      given([opened]).when(bookCmd()).then([booked]);
    });

    it('returns no events when the same booking request is repeated, even after the slot has started', () => {
      given([opened, booked]).when(bookCmd({ bookedAt: '2026-11-20T10:00:05.000Z' })).then([]);
      given([opened, booked, attended]).when(bookCmd({ bookedAt: during })).then([]);
    });

    it('refuses a second appointment on a booked slot', () => {
      given([opened, booked]).when(bookCmd({ appointmentId: 'appt-2', patientSubjectId: 'patient-2' })).thenThrows('SLOT_ALREADY_BOOKED');
      given([opened, booked, attended]).when(bookCmd({ appointmentId: 'appt-2' })).thenThrows('SLOT_ALREADY_BOOKED');
    });

    it('refuses the same appointment id with other details', () => {
      given([opened, booked]).when(bookCmd({ patientSubjectId: 'patient-2' })).thenThrows('APPOINTMENT_ID_CONFLICT');
    });

    it('refuses to reuse the id of an appointment that was cancelled from this slot', () => {
      given([opened, booked, cancelled]).when(bookCmd()).thenThrows('APPOINTMENT_ID_CONFLICT');
    });

    it('books a slot again once its appointment was cancelled', () => {
      given([opened, booked, cancelled])
        .when(bookCmd({ appointmentId: 'appt-2', patientSubjectId: 'patient-2', bookedAt: '2026-11-26T00:00:00.000Z' }))
        .then([
          {
            type: 'AppointmentBooked',
            data: { ...ref, appointmentId: 'appt-2', patientSubjectId: 'patient-2', bookedBy: 'user-1', bookedAt: '2026-11-26T00:00:00.000Z' },
          },
        ]);
    });

    it('refuses a slot that was never opened', () => {
      given([]).when(bookCmd()).thenThrows('SLOT_NOT_FOUND');
    });

    it('refuses a withdrawn slot as not bookable', () => {
      given([opened, withdrawn]).when(bookCmd()).thenThrows('NOT_BOOKABLE');
    });

    it('refuses a slot that has started as not bookable', () => {
      given([opened]).when(bookCmd({ bookedAt: facts.startsAt })).thenThrows('NOT_BOOKABLE');
    });

    it('refuses an embargoed slot before its window and books it inside the window', () => {
      const embargoed: AppointmentSlotEvent = { type: 'SlotOpened', data: { ...facts, embargo: '48-hours', openedAt: before } };
      given([embargoed])
        .when(bookCmd({ bookedAt: '2026-11-29T08:59:00.000Z' }))
        .thenThrows((e) => (e as { code?: string; details?: { reason?: string } }).code === 'NOT_BOOKABLE' && (e as { details: { reason: string } }).details.reason === 'embargoed');
      expect(appointmentSlotDecider.decide(bookCmd({ bookedAt: '2026-11-29T09:00:00.000Z' }), fold(appointmentSlotDecider, [embargoed]))).toHaveLength(1);
    });

    it('refuses a mode or purpose the slot does not offer', () => {
      given([opened]).when(bookCmd({ mode: 'telephone' })).thenThrows('MODE_NOT_OFFERED');
      given([opened]).when(bookCmd({ purpose: 'review' })).thenThrows('PURPOSE_NOT_OFFERED');
      given([opened]).when(bookCmd({ mode: 'fax' as never })).thenThrows('MODE_NOT_OFFERED');
      given([opened]).when(bookCmd({ purpose: 'chat' as never })).thenThrows('PURPOSE_NOT_OFFERED');
    });

    it('refuses to double-book the patient at an overlapping time', () => {
      given([opened])
        .when(bookCmd({ patientAppointments: [{ appointmentId: 'other', startsAt: '2026-12-01T09:15:00.000Z', endsAt: '2026-12-01T10:15:00.000Z' }] }))
        .thenThrows('PATIENT_DOUBLE_BOOKED');
    });

    it('books the patient back to back with another appointment', () => {
      given([opened])
        .when(bookCmd({ patientAppointments: [{ appointmentId: 'other', startsAt: '2026-12-01T09:30:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' }] }))
        .then([booked]);
    });
  });

  describe('cancelling', () => {
    it('cancels a booking at the patient’s request and reopens the slot', () => {
      given([opened, booked]).when(cancelCmd()).then([cancelled]);
      expect(fold(appointmentSlotDecider, [opened, booked, cancelled]).status).toBe('Open');
    });

    it('cancels a booking by the service with its reason', () => {
      given([opened, booked])
        .when(cancelCmd({ cancelledBy: 'service', reason: 'clinician-unavailable' }))
        .then([{ type: 'AppointmentCancelled', data: { ...cancelled.data, cancelledBy: 'service', reason: 'clinician-unavailable' } as never }]);
    });

    it('returns no events when the appointment is already cancelled', () => {
      given([opened, booked, cancelled]).when(cancelCmd({ cancelledAt: '2026-11-25T11:00:00.000Z' })).then([]);
    });

    it('refuses to cancel an appointment that is not on the slot', () => {
      given([opened]).when(cancelCmd()).thenThrows('APPOINTMENT_NOT_FOUND');
      given([]).when(cancelCmd()).thenThrows('APPOINTMENT_NOT_FOUND');
      given([opened, booked]).when(cancelCmd({ appointmentId: 'appt-9' })).thenThrows('APPOINTMENT_NOT_FOUND');
    });

    it('refuses to cancel once the appointment has started', () => {
      given([opened, booked]).when(cancelCmd({ cancelledAt: facts.startsAt })).thenThrows('APPOINTMENT_ALREADY_STARTED');
    });

    it('refuses to cancel an appointment whose attendance is recorded or that moved away', () => {
      given([opened, booked, attended]).when(cancelCmd()).thenThrows('ILLEGAL_TRANSITION');
      given([opened, booked, movedOut]).when(cancelCmd()).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses an unknown canceller or reason', () => {
      given([opened, booked]).when(cancelCmd({ cancelledBy: 'gp' as never })).thenThrows('INVALID_CANCELLED_BY');
      given([opened, booked]).when(cancelCmd({ reason: 'free text with a name' as never })).thenThrows('INVALID_REASON');
    });
  });

  describe('rescheduling', () => {
    it('takes the target slot first, keeping the appointment id and naming where it came from', () => {
      given([opened]).when(moveIn()).then([movedIn]);
    });

    it('does not count the appointment being moved as a double booking of the patient', () => {
      given([opened])
        .when(moveIn({ patientAppointments: [{ appointmentId: 'appt-1', startsAt: facts.startsAt, endsAt: facts.endsAt }] }))
        .then([movedIn]);
    });

    it('returns no events when the same move into the slot is repeated', () => {
      given([opened, movedIn]).when(moveIn({ movedAt: '2026-11-20T10:01:00.000Z' })).then([]);
    });

    it('refuses to move into a booked, withdrawn, started or unsuitable slot', () => {
      given([opened, booked]).when(moveIn({ appointmentId: 'appt-2' })).thenThrows('SLOT_ALREADY_BOOKED');
      given([opened, withdrawn]).when(moveIn()).thenThrows('NOT_BOOKABLE');
      given([opened]).when(moveIn({ movedAt: facts.startsAt })).thenThrows('NOT_BOOKABLE');
      given([opened]).when(moveIn({ mode: 'telephone' })).thenThrows('MODE_NOT_OFFERED');
      given([opened]).when(moveIn({ fromSlotId: 'slot-1' })).thenThrows('SAME_SLOT');
    });

    it('then releases the source slot, which is open again', () => {
      given([opened, booked]).when(reschedule()).then([movedOut]);
      expect(fold(appointmentSlotDecider, [opened, booked, movedOut]).status).toBe('Open');
    });

    it('returns no events when the same move out of the slot is repeated', () => {
      given([opened, booked, movedOut]).when(reschedule()).then([]);
    });

    it('refuses to move out an appointment that is not here, moved elsewhere, cancelled or concluded', () => {
      given([opened]).when(reschedule()).thenThrows('APPOINTMENT_NOT_FOUND');
      given([opened, booked, movedOut]).when(reschedule({ toSlotId: 'slot-3' })).thenThrows('ILLEGAL_TRANSITION');
      given([opened, booked, cancelled]).when(reschedule()).thenThrows('ILLEGAL_TRANSITION');
      given([opened, booked, attended]).when(reschedule()).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses to move an appointment to its own slot, after it started, or for an unknown requester', () => {
      given([opened, booked]).when(reschedule({ toSlotId: 'slot-1' })).thenThrows('SAME_SLOT');
      given([opened, booked]).when(reschedule({ rescheduledAt: during })).thenThrows('APPOINTMENT_ALREADY_STARTED');
      given([opened, booked]).when(reschedule({ requestedBy: 'nobody' as never })).thenThrows('INVALID_CANCELLED_BY');
    });

    it('hands the handler the booking to move, with the same refusals as the source side', () => {
      const state = fold(appointmentSlotDecider, [opened, booked]);
      expect(bookingToMove(state, 'appt-1', before).booking.patientSubjectId).toBe('patient-1');
      expect(() => bookingToMove(state, 'appt-1', during)).toThrow(expect.objectContaining({ code: 'APPOINTMENT_ALREADY_STARTED' }));
      expect(() => bookingToMove(fold(appointmentSlotDecider, [opened]), 'appt-1', before)).toThrow(
        expect.objectContaining({ code: 'APPOINTMENT_NOT_FOUND' }),
      );
    });
  });

  describe('attendance', () => {
    it('records an attended appointment with its duration', () => {
      given([opened, booked]).when(attendance()).then([attended]);
      expect(fold(appointmentSlotDecider, [opened, booked, attended]).status).toBe('Concluded');
    });

    it('records a did-not-attend', () => {
      given([opened, booked])
        .when(attendance({ attendance: { outcome: 'did-not-attend' } }))
        .then([{ type: 'AppointmentNotAttended', data: { ...ref, outcome: 'did-not-attend', recordedBy: 'clinician-user', recordedAt: during } }]);
    });

    it('records an arrival too late to be seen', () => {
      given([opened, booked])
        .when(attendance({ attendance: { outcome: 'arrived-late-not-seen' } }))
        .then([
          { type: 'AppointmentNotAttended', data: { ...ref, outcome: 'arrived-late-not-seen', recordedBy: 'clinician-user', recordedAt: during } },
        ]);
    });

    it('records attendance for an appointment that was rescheduled into the slot', () => {
      given([opened, movedIn]).when(attendance()).then([attended]);
    });

    it('returns no events when the same attendance is recorded again', () => {
      given([opened, booked, attended]).when(attendance({ recordedAt: '2026-12-01T10:00:00.000Z' })).then([]);
    });

    it('refuses a different attendance once one is recorded', () => {
      given([opened, booked, attended]).when(attendance({ attendance: { outcome: 'did-not-attend' } })).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses attendance before the start time', () => {
      given([opened, booked]).when(attendance({ recordedAt: '2026-12-01T08:59:59.000Z' })).thenThrows('ATTENDANCE_BEFORE_START');
    });

    it('refuses attendance for a cancelled, moved or unknown appointment', () => {
      given([opened, booked, cancelled]).when(attendance()).thenThrows('ILLEGAL_TRANSITION');
      given([opened, booked, movedOut]).when(attendance()).thenThrows('ILLEGAL_TRANSITION');
      given([opened]).when(attendance()).thenThrows('APPOINTMENT_NOT_FOUND');
    });

    it('refuses a duration that is not 1 to 240 whole minutes, and an unknown outcome', () => {
      for (const durationMinutes of [0, -5, 12.5, 241, Number.NaN]) {
        given([opened, booked]).when(attendance({ attendance: { outcome: 'attended', durationMinutes } })).thenThrows('INVALID_DURATION');
      }
      given([opened, booked]).when(attendance({ attendance: { outcome: 'maybe' } as never })).thenThrows('INVALID_ATTENDANCE');
    });

    it('refuses a malformed time', () => {
      given([opened, booked]).when(attendance({ recordedAt: 'later' })).thenThrows('INVALID_INSTANT');
    });
  });

  describe('withdrawal when the diary session is cancelled', () => {
    it('withdraws an open slot', () => {
      given([opened]).when(withdraw).then([withdrawn]);
    });

    it('cancels the booking by the service, then withdraws the slot', () => {
      given([opened, booked])
        .when(withdraw)
        .then([
          {
            type: 'AppointmentCancelled',
            data: { ...ref, cancelledBy: 'service', reason: 'session-cancelled', recordedBy: 'user-9', cancelledAt: withdraw.withdrawnAt },
          },
          withdrawn,
        ]);
      const state = fold(appointmentSlotDecider, appointmentSlotDecider.decide(withdraw, fold(appointmentSlotDecider, [opened, booked])), fold(appointmentSlotDecider, [opened, booked]));
      expect(state.status).toBe('Withdrawn');
    });

    it('returns no events when the slot is already withdrawn', () => {
      given([opened, withdrawn]).when(withdraw).then([]);
    });

    it('refuses to withdraw a slot never opened, a concluded one, or for an unknown reason', () => {
      given([]).when(withdraw).thenThrows('SLOT_NOT_FOUND');
      given([opened, booked, attended]).when(withdraw).thenThrows('ILLEGAL_TRANSITION');
      given([opened]).when({ ...withdraw, reason: 'because' as never }).thenThrows('INVALID_REASON');
    });
  });
});
