import { validateIntegrationEvent } from '@stepwell/contracts';
import type { EventMetadata, RecordedEvent } from '@stepwell/event-store';
import type { AppointmentRef } from '../domain';
import { engagementStreamId, slotStreamId } from '../domain';
import { groupPlaceAppointmentId } from '../group-sessions/group-place-id';
import { mapSchedulingEvent, PUBLISHED_CATEGORIES } from './scheduling-events.mapping';

const metadata: EventMetadata = {
  occurredAt: '2026-11-21T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { userId: 'u-admin-1', organisationId: 'Y01234', role: 'admin' },
  patientSubjectId: 'p-1',
  schemaVersion: 1,
};
const ref: AppointmentRef = {
  appointmentId: 'a-1',
  slotId: 's-2',
  patientSubjectId: 'p-1',
  episodeId: 'e-1',
  clinicianId: 'c-1',
  organisationId: 'Y01234',
  purpose: 'treatment',
  mode: 'telephone',
  startsAt: '2026-11-23T09:00:00.000Z',
  endsAt: '2026-11-23T09:30:00.000Z',
};

let position = 0;
function recorded(type: string, data: unknown, meta: EventMetadata = metadata): RecordedEvent {
  position++;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    metadata: meta,
    streamId: slotStreamId('s-2'),
    revision: 0,
    globalPosition: position,
    recordedAt: '2026-11-21T09:00:01.000Z',
    hash: 'h',
  };
}

function only(event: RecordedEvent) {
  const published = mapSchedulingEvent(event);
  expect(published).toHaveLength(1);
  const [first] = published;
  if (!first) throw new Error('nothing published');
  expect(validateIntegrationEvent(first)).toEqual({ ok: true });
  return first;
}

describe('mapSchedulingEvent', () => {
  it('relays the categories of the slot and engagement streams', () => {
    expect(PUBLISHED_CATEGORIES).toEqual(['slot', 'engagement', 'groupsession']);
    expect(slotStreamId('x').startsWith('slot-')).toBe(true);
    expect(engagementStreamId('x').startsWith('engagement-')).toBe(true);
  });

  it('publishes a booking as appointment-booked keyed by the patient, without who booked', () => {
    const event = only(recorded('AppointmentBooked', { ...ref, bookedBy: 'u-admin-1', bookedAt: '2026-11-21T09:00:00.000Z' }));
    expect(event).toMatchObject({
      type: 'scheduling.appointment-booked',
      version: 1,
      source: 'scheduling',
      patientSubjectId: 'p-1',
      data: { appointmentId: 'a-1', slotId: 's-2', organisationId: 'Y01234', purpose: 'treatment', mode: 'telephone' },
    });
    expect(JSON.stringify(event.data)).not.toContain('u-admin-1');
  });

  it('publishes the target side of a move as appointment-rescheduled and the source side as nothing', () => {
    const moved = only(
      recorded('AppointmentMovedIn', { ...ref, fromSlotId: 's-1', bookedBy: 'u', movedAt: '2026-11-21T10:00:00.000Z' }),
    );
    expect(moved).toMatchObject({
      type: 'scheduling.appointment-rescheduled',
      data: { fromSlotId: 's-1', toSlotId: 's-2', rescheduledAt: '2026-11-21T10:00:00.000Z' },
    });
    const out = { ...ref, toSlotId: 's-3', requestedBy: 'patient', rescheduledBy: 'u', rescheduledAt: '2026-11-21T10:00:00.000Z' };
    expect(mapSchedulingEvent(recorded('AppointmentMovedOut', out))).toEqual([]);
  });

  it('publishes a cancellation with who cancelled and the reason code', () => {
    const event = only(
      recorded('AppointmentCancelled', {
        ...ref,
        cancelledBy: 'service',
        reason: 'clinician-unavailable',
        recordedBy: 'u',
        cancelledAt: '2026-11-21T11:00:00.000Z',
      }),
    );
    expect(event.data).toMatchObject({ cancelledBy: 'service', reason: 'clinician-unavailable' });
  });

  it.each([
    ['treatment', true],
    ['assessment-and-treatment', true],
    ['assessment', false],
    ['review', false],
  ] as const)('marks an attended %s appointment isTreatment=%s', (purpose, isTreatment) => {
    const event = only(
      recorded('AppointmentAttended', { ...ref, purpose, durationMinutes: 28, recordedBy: 'u', recordedAt: '2026-11-23T09:35:00.000Z' }),
    );
    expect(event.data).toMatchObject({ purpose, isTreatment, durationMinutes: 28, attendedAt: '2026-11-23T09:35:00.000Z' });
  });

  it('publishes a did-not-attend as appointment-not-attended', () => {
    const event = only(
      recorded('AppointmentNotAttended', { ...ref, outcome: 'did-not-attend', recordedBy: 'u', recordedAt: '2026-11-23T09:20:00.000Z' }),
    );
    expect(event).toMatchObject({ type: 'scheduling.appointment-not-attended', data: { outcome: 'did-not-attend' } });
  });

  it('publishes an engagement review with the number of consecutive missed appointments', () => {
    const data = {
      episodeId: 'e-1',
      patientSubjectId: 'p-1',
      organisationId: 'B82005',
      dnaAppointmentIds: ['a-1', 'a-2'],
      raisedAt: '2026-11-30T09:20:00.000Z',
    };
    const event = only(recorded('EngagementReviewNeeded', data));
    expect(event).toMatchObject({
      type: 'scheduling.engagement-review-needed',
      patientSubjectId: 'p-1',
      data: { episodeId: 'e-1', organisationId: 'B82005', consecutiveMissed: 2 },
    });
  });

  it('names the recording organisation in a review whose engagement record did not name one', () => {
    const { organisationId: _none, ...data } = {
      episodeId: 'e-1',
      patientSubjectId: 'p-1',
      organisationId: 'B82005',
      dnaAppointmentIds: ['a-1', 'a-2'],
      raisedAt: '2026-11-30T09:20:00.000Z',
    };
    expect(only(recorded('EngagementReviewNeeded', data)).data).toMatchObject({ organisationId: 'Y01234' });
  });

  it('publishes attendance at a treatment group as an attended treatment appointment of the recorder’s organisation', () => {
    const data = {
      groupSessionId: 'g-1',
      patientSubjectId: 'p-1',
      episodeId: 'e-1',
      purpose: 'treatment',
      startsAt: '2026-11-23T18:00:00.000Z',
      attendance: { outcome: 'attended', durationMinutes: 90 },
      recordedBy: 'u',
      recordedAt: '2026-11-23T19:45:00.000Z',
    };
    const event = only(recorded('GroupAttendanceRecorded', data));
    expect(event).toMatchObject({
      type: 'scheduling.appointment-attended',
      patientSubjectId: 'p-1',
      data: { appointmentId: groupPlaceAppointmentId('g-1', 'p-1'), organisationId: 'Y01234', isTreatment: true, durationMinutes: 90 },
    });
    const missed = only(recorded('GroupAttendanceRecorded', { ...data, attendance: { outcome: 'did-not-attend' } }));
    expect(missed).toMatchObject({ type: 'scheduling.appointment-not-attended', data: { outcome: 'did-not-attend' } });
  });

  it.each(['GroupSessionScheduled', 'GroupPlaceBooked', 'SlotOpened', 'SlotWithdrawn', 'DidNotAttendNoted', 'FollowUpTaskCreated', 'ContactAttemptRecorded'])(
    'publishes nothing for %s',
    (type) => {
      expect(mapSchedulingEvent(recorded(type, {}))).toEqual([]);
    },
  );
});
