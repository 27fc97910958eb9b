import { fold } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import { bookedPlaces, groupSessionDecider } from './group-session.decider';
import type {
  BookGroupPlace,
  CancelGroupPlace,
  CancelGroupSession,
  GroupSessionEvent,
  GroupSessionFacts,
  RecordGroupAttendance,
  ScheduleGroupSession,
} from './group-session.types';

const given = givenFor(groupSessionDecider);

const facts: GroupSessionFacts = {
  groupSessionId: 'group-1',
  organisationId: 'org-1',
  facilitatorIds: ['pwp-1', 'pwp-2'],
  siteId: 'library',
  programmeCode: 'stress-control',
  startsAt: '2026-12-02T18:00:00.000Z',
  endsAt: '2026-12-02T19:30:00.000Z',
  capacity: 2,
  mode: 'face-to-face',
  purpose: 'treatment',
};
const scheduleCmd: ScheduleGroupSession = { type: 'ScheduleGroupSession', scheduledAt: '2026-11-01T00:00:00.000Z', ...facts };
const scheduled: GroupSessionEvent = { type: 'GroupSessionScheduled', data: { ...facts, scheduledAt: '2026-11-01T00:00:00.000Z' } };

const bookCmd = (patient: string, overrides: Partial<BookGroupPlace> = {}): BookGroupPlace => ({
  type: 'BookGroupPlace',
  patientSubjectId: patient,
  episodeId: `episode-${patient}`,
  bookedBy: 'admin-1',
  bookedAt: '2026-11-20T10:00:00.000Z',
  patientAppointments: [],
  ...overrides,
});
const placeBooked = (patient: string, placesLeft: number): GroupSessionEvent => ({
  type: 'GroupPlaceBooked',
  data: {
    groupSessionId: 'group-1',
    patientSubjectId: patient,
    episodeId: `episode-${patient}`,
    bookedBy: 'admin-1',
    bookedAt: '2026-11-20T10:00:00.000Z',
    placesLeft,
  },
});
const cancelPlaceCmd = (patient: string, overrides: Partial<CancelGroupPlace> = {}): CancelGroupPlace => ({
  type: 'CancelGroupPlace',
  patientSubjectId: patient,
  cancelledBy: 'patient',
  reason: 'patient-unwell',
  recordedBy: 'admin-1',
  cancelledAt: '2026-11-25T10:00:00.000Z',
  ...overrides,
});
const placeCancelled = (patient: string): GroupSessionEvent => ({
  type: 'GroupPlaceCancelled',
  data: {
    groupSessionId: 'group-1',
    patientSubjectId: patient,
    episodeId: `episode-${patient}`,
    cancelledBy: 'patient',
    reason: 'patient-unwell',
    recordedBy: 'admin-1',
    cancelledAt: '2026-11-25T10:00:00.000Z',
  },
});
const attendanceCmd = (patient: string, overrides: Partial<RecordGroupAttendance> = {}): RecordGroupAttendance => ({
  type: 'RecordGroupAttendance',
  patientSubjectId: patient,
  attendance: { outcome: 'attended', durationMinutes: 90 },
  recordedBy: 'pwp-1',
  recordedAt: '2026-12-02T19:35:00.000Z',
  ...overrides,
});
const attendanceRecorded = (patient: string, attendance: RecordGroupAttendance['attendance']): GroupSessionEvent => ({
  type: 'GroupAttendanceRecorded',
  data: {
    groupSessionId: 'group-1',
    patientSubjectId: patient,
    episodeId: `episode-${patient}`,
    purpose: 'treatment',
    startsAt: facts.startsAt,
    attendance,
    recordedBy: 'pwp-1',
    recordedAt: '2026-12-02T19:35:00.000Z',
  },
});
const cancelSessionCmd: CancelGroupSession = {
  type: 'CancelGroupSession',
  reason: 'site-unavailable',
  cancelledBy: 'admin-2',
  cancelledAt: '2026-11-30T09:00:00.000Z',
};

describe('group session', () => {
  describe('scheduling', () => {
    it('schedules a group with its capacity', () => {
      given([]).when(scheduleCmd).then([scheduled]);
    });

    it('returns no events when the same group is scheduled again', () => {
      given([scheduled]).when({ ...scheduleCmd, scheduledAt: '2026-11-02T00:00:00.000Z' }).then([]);
    });

    it('refuses another group under the same id', () => {
      given([scheduled]).when({ ...scheduleCmd, capacity: 12 }).thenThrows('GROUP_SESSION_ID_IN_USE');
    });

    it('refuses a capacity outside 1 to 100 whole places', () => {
      for (const capacity of [0, -1, 1.5, 101]) given([]).when({ ...scheduleCmd, capacity }).thenThrows('INVALID_CAPACITY');
    });

    it('refuses a group without facilitator, programme, or with an unknown mode or purpose', () => {
      given([]).when({ ...scheduleCmd, facilitatorIds: [] }).thenThrows('INVALID_GROUP_SESSION');
      given([]).when({ ...scheduleCmd, programmeCode: '' }).thenThrows('INVALID_GROUP_SESSION');
      given([]).when({ ...scheduleCmd, mode: 'radio' as never }).thenThrows('INVALID_GROUP_SESSION');
      given([]).when({ ...scheduleCmd, purpose: 'fun' as never }).thenThrows('INVALID_GROUP_SESSION');
    });

    it('refuses a group that ends before it starts, runs over four hours, or starts before it is scheduled', () => {
      given([]).when({ ...scheduleCmd, endsAt: facts.startsAt }).thenThrows('SESSION_END_NOT_AFTER_START');
      given([]).when({ ...scheduleCmd, endsAt: '2026-12-02T22:01:00.000Z' }).thenThrows('SESSION_END_NOT_AFTER_START');
      given([]).when({ ...scheduleCmd, scheduledAt: facts.startsAt }).thenThrows('SESSION_IN_THE_PAST');
    });
  });

  describe('booking places', () => {
    it('books places up to capacity, saying how many are left', () => {
      given([scheduled]).when(bookCmd('p1')).then([placeBooked('p1', 1)]);
      given([scheduled, placeBooked('p1', 1)]).when(bookCmd('p2')).then([placeBooked('p2', 0)]);
    });

    it('refuses a booking beyond capacity', () => {
      given([scheduled, placeBooked('p1', 1), placeBooked('p2', 0)]).when(bookCmd('p3')).thenThrows('GROUP_FULL');
    });

    it('frees a place when a booking is cancelled', () => {
      const history = [scheduled, placeBooked('p1', 1), placeBooked('p2', 0), placeCancelled('p1')];
      expect(bookedPlaces(fold(groupSessionDecider, history))).toBe(1);
      given(history).when(bookCmd('p3')).then([placeBooked('p3', 0)]);
    });

    it('returns no events when the same person books again', () => {
      given([scheduled, placeBooked('p1', 1)]).when(bookCmd('p1')).then([]);
    });

    it('refuses a second place for the same person under another episode', () => {
      given([scheduled, placeBooked('p1', 1)]).when(bookCmd('p1', { episodeId: 'other' })).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses a group that does not exist, has started or was cancelled', () => {
      given([]).when(bookCmd('p1')).thenThrows('GROUP_SESSION_NOT_FOUND');
      given([scheduled]).when(bookCmd('p1', { bookedAt: facts.startsAt })).thenThrows('NOT_BOOKABLE');
      given([scheduled, { type: 'GroupSessionCancelled', data: { groupSessionId: 'group-1', reason: 'other', cancelledBy: 'a', cancelledAt: '2026-11-10T00:00:00.000Z' } }])
        .when(bookCmd('p1'))
        .thenThrows('NOT_BOOKABLE');
    });

    it('refuses to double-book the person at an overlapping time', () => {
      given([scheduled])
        .when(bookCmd('p1', { patientAppointments: [{ appointmentId: 'a', startsAt: '2026-12-02T19:00:00.000Z', endsAt: '2026-12-02T20:00:00.000Z' }] }))
        .thenThrows('PATIENT_DOUBLE_BOOKED');
    });
  });

  describe('cancelling a place', () => {
    it('cancels a person’s place', () => {
      given([scheduled, placeBooked('p1', 1)]).when(cancelPlaceCmd('p1')).then([placeCancelled('p1')]);
    });

    it('returns no events when the place is already cancelled', () => {
      given([scheduled, placeBooked('p1', 1), placeCancelled('p1')]).when(cancelPlaceCmd('p1')).then([]);
    });

    it('refuses to cancel a place nobody holds, once the group started, or once attendance is recorded', () => {
      given([scheduled]).when(cancelPlaceCmd('p1')).thenThrows('PLACE_NOT_FOUND');
      given([scheduled, placeBooked('p1', 1)]).when(cancelPlaceCmd('p1', { cancelledAt: facts.startsAt })).thenThrows('APPOINTMENT_ALREADY_STARTED');
      given([scheduled, placeBooked('p1', 1), attendanceRecorded('p1', { outcome: 'did-not-attend' })])
        .when(cancelPlaceCmd('p1'))
        .thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses an unknown canceller or reason', () => {
      given([scheduled, placeBooked('p1', 1)]).when(cancelPlaceCmd('p1', { cancelledBy: 'x' as never })).thenThrows('INVALID_CANCELLED_BY');
      given([scheduled, placeBooked('p1', 1)]).when(cancelPlaceCmd('p1', { reason: 'x' as never })).thenThrows('INVALID_REASON');
    });
  });

  describe('attendance per person', () => {
    const full = [scheduled, placeBooked('p1', 1), placeBooked('p2', 0)];

    it('records each person’s attendance separately', () => {
      given(full).when(attendanceCmd('p1')).then([attendanceRecorded('p1', { outcome: 'attended', durationMinutes: 90 })]);
      given(full)
        .when(attendanceCmd('p2', { attendance: { outcome: 'did-not-attend' } }))
        .then([attendanceRecorded('p2', { outcome: 'did-not-attend' })]);
      given([...full, attendanceRecorded('p1', { outcome: 'attended', durationMinutes: 90 })])
        .when(attendanceCmd('p2', { attendance: { outcome: 'arrived-late-not-seen' } }))
        .then([attendanceRecorded('p2', { outcome: 'arrived-late-not-seen' })]);
    });

    it('returns no events when the same attendance is recorded again and refuses a different one', () => {
      const history = [...full, attendanceRecorded('p1', { outcome: 'attended', durationMinutes: 90 })];
      given(history).when(attendanceCmd('p1')).then([]);
      given(history).when(attendanceCmd('p1', { attendance: { outcome: 'did-not-attend' } })).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses attendance before the group starts', () => {
      given(full).when(attendanceCmd('p1', { recordedAt: '2026-12-02T17:59:00.000Z' })).thenThrows('ATTENDANCE_BEFORE_START');
    });

    it('refuses attendance for someone without a place or whose place was cancelled', () => {
      given(full).when(attendanceCmd('p9')).thenThrows('PLACE_NOT_FOUND');
      given([scheduled, placeBooked('p1', 1), placeCancelled('p1')]).when(attendanceCmd('p1')).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses a duration longer than the group or not whole minutes, and an unknown outcome', () => {
      given(full).when(attendanceCmd('p1', { attendance: { outcome: 'attended', durationMinutes: 91 } })).thenThrows('INVALID_DURATION');
      given(full).when(attendanceCmd('p1', { attendance: { outcome: 'attended', durationMinutes: 0 } })).thenThrows('INVALID_DURATION');
      given(full).when(attendanceCmd('p1', { attendance: { outcome: 'left' } as never })).thenThrows('INVALID_ATTENDANCE');
    });
  });

  describe('cancelling the group', () => {
    it('cancels every booked place by the service, then the group', () => {
      const history = [scheduled, placeBooked('p1', 1), placeBooked('p2', 0), placeCancelled('p1')];
      given(history)
        .when(cancelSessionCmd)
        .then([
          {
            type: 'GroupPlaceCancelled',
            data: {
              groupSessionId: 'group-1',
              patientSubjectId: 'p2',
              episodeId: 'episode-p2',
              cancelledBy: 'service',
              reason: 'session-cancelled',
              recordedBy: 'admin-2',
              cancelledAt: '2026-11-30T09:00:00.000Z',
            },
          },
          {
            type: 'GroupSessionCancelled',
            data: { groupSessionId: 'group-1', reason: 'site-unavailable', cancelledBy: 'admin-2', cancelledAt: '2026-11-30T09:00:00.000Z' },
          },
        ]);
    });

    it('returns no events when the group is already cancelled', () => {
      const history = [scheduled, ...groupSessionDecider.decide(cancelSessionCmd, fold(groupSessionDecider, [scheduled]))];
      given(history).when(cancelSessionCmd).then([]);
    });

    it('refuses to cancel a group that has started, does not exist, or for an unknown reason', () => {
      given([scheduled]).when({ ...cancelSessionCmd, cancelledAt: facts.startsAt }).thenThrows('SESSION_ALREADY_STARTED');
      given([]).when(cancelSessionCmd).thenThrows('GROUP_SESSION_NOT_FOUND');
      given([scheduled]).when({ ...cancelSessionCmd, reason: 'x' as never }).thenThrows('INVALID_REASON');
    });
  });
});
