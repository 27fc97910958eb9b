import {
  AppointmentAttendedV1Contract,
  AppointmentBookedV1Contract,
  AppointmentCancelledV1Contract,
  AppointmentNotAttendedV1Contract,
  AppointmentRescheduledV1Contract,
  EngagementReviewNeededV1Contract,
} from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import type {
  AppointmentAttended,
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentMovedIn,
  AppointmentNotAttended,
  AppointmentSlotEvent,
  EngagementEvent,
  EngagementReviewNeeded,
  GroupAttendanceRecorded,
  GroupSessionEvent,
} from '../domain';
import { ENGAGEMENT_CATEGORY, GROUP_SESSION_CATEGORY, SLOT_CATEGORY, TREATMENT_PURPOSES } from '../domain';
import { groupPlaceAppointmentId } from '../group-sessions/group-place-id';

/** The stream categories whose events the scheduling service publishes. */
export const PUBLISHED_CATEGORIES = [SLOT_CATEGORY, ENGAGEMENT_CATEGORY, GROUP_SESSION_CATEGORY] as const;

/**
 * Maps a slot or engagement event to the scheduling v1 integration events. Private facts stay private: who
 * booked or recorded, session cancellation details and the slot's own bookkeeping (opened, withdrawn, moved
 * out: the move is published once, from its target side) publish nothing.
 */
export function mapSchedulingEvent(event: RecordedEvent): IntegrationEvent[] {
  const type = event.type as AppointmentSlotEvent['type'] | EngagementEvent['type'] | GroupSessionEvent['type'];
  switch (type) {
    case 'AppointmentBooked':
      return [booked(event, event.data as AppointmentBooked['data'])];
    case 'AppointmentMovedIn':
      return [rescheduled(event, event.data as AppointmentMovedIn['data'])];
    case 'AppointmentCancelled':
      return [cancelled(event, event.data as AppointmentCancelled['data'])];
    case 'AppointmentAttended':
      return [attended(event, event.data as AppointmentAttended['data'])];
    case 'AppointmentNotAttended':
      return [notAttended(event, event.data as AppointmentNotAttended['data'])];
    case 'EngagementReviewNeeded':
      return [reviewNeeded(event, event.data as EngagementReviewNeeded['data'])];
    case 'GroupAttendanceRecorded':
      return [groupAttendance(event, event.data as GroupAttendanceRecorded['data'])];
    // Bookkeeping of the slot and the engagement record: nothing another service needs.
    case 'SlotOpened':
    case 'SlotWithdrawn':
    case 'AppointmentMovedOut':
    case 'DidNotAttendNoted':
    case 'AttendanceNoted':
    case 'FollowUpTaskCreated':
    case 'ContactAttemptRecorded':
    case 'FollowUpTaskCompleted':
    case 'GroupSessionScheduled':
    case 'GroupPlaceBooked':
    case 'GroupPlaceCancelled':
    case 'GroupSessionCancelled':
      return [];
    default:
      // Events of other categories (clinicians, diaries) reach the relay only if it is configured over them.
      return [];
  }
}

function context(event: RecordedEvent, patientSubjectId: string): IntegrationEventContext {
  const { metadata } = event;
  return {
    patientSubjectId: metadata.patientSubjectId ?? patientSubjectId,
    occurredAt: metadata.occurredAt,
    correlationId: metadata.correlationId,
    causationId: event.id,
  };
}

function booked(event: RecordedEvent, data: AppointmentBooked['data']): IntegrationEvent {
  return createIntegrationEvent(
    AppointmentBookedV1Contract,
    {
      appointmentId: data.appointmentId,
      episodeId: data.episodeId,
      slotId: data.slotId,
      organisationId: data.organisationId,
      clinicianId: data.clinicianId,
      purpose: data.purpose,
      mode: data.mode,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      bookedAt: data.bookedAt,
    },
    context(event, data.patientSubjectId),
  );
}

function rescheduled(event: RecordedEvent, data: AppointmentMovedIn['data']): IntegrationEvent {
  return createIntegrationEvent(
    AppointmentRescheduledV1Contract,
    {
      appointmentId: data.appointmentId,
      episodeId: data.episodeId,
      fromSlotId: data.fromSlotId,
      toSlotId: data.slotId,
      organisationId: data.organisationId,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      rescheduledAt: data.movedAt,
    },
    context(event, data.patientSubjectId),
  );
}

function cancelled(event: RecordedEvent, data: AppointmentCancelled['data']): IntegrationEvent {
  return createIntegrationEvent(
    AppointmentCancelledV1Contract,
    {
      appointmentId: data.appointmentId,
      episodeId: data.episodeId,
      organisationId: data.organisationId,
      cancelledBy: data.cancelledBy,
      reason: data.reason,
      cancelledAt: data.cancelledAt,
    },
    context(event, data.patientSubjectId),
  );
}

function attended(event: RecordedEvent, data: AppointmentAttended['data']): IntegrationEvent {
  return createIntegrationEvent(
    AppointmentAttendedV1Contract,
    {
      appointmentId: data.appointmentId,
      episodeId: data.episodeId,
      organisationId: data.organisationId,
      purpose: data.purpose,
      startsAt: data.startsAt,
      durationMinutes: data.durationMinutes,
      isTreatment: TREATMENT_PURPOSES.includes(data.purpose),
      attendedAt: data.recordedAt,
    },
    context(event, data.patientSubjectId),
  );
}

function notAttended(event: RecordedEvent, data: AppointmentNotAttended['data']): IntegrationEvent {
  return createIntegrationEvent(
    AppointmentNotAttendedV1Contract,
    {
      appointmentId: data.appointmentId,
      episodeId: data.episodeId,
      organisationId: data.organisationId,
      purpose: data.purpose,
      startsAt: data.startsAt,
      outcome: data.outcome,
      recordedAt: data.recordedAt,
    },
    context(event, data.patientSubjectId),
  );
}

function reviewNeeded(event: RecordedEvent, data: EngagementReviewNeeded['data']): IntegrationEvent {
  return createIntegrationEvent(
    EngagementReviewNeededV1Contract,
    {
      episodeId: data.episodeId,
      // Reviews raised before the engagement record named its organisation: whoever recorded the DNA acted for it.
      organisationId: data.organisationId ?? event.metadata.actor.organisationId,
      consecutiveMissed: data.dnaAppointmentIds.length,
      raisedAt: data.raisedAt,
    },
    context(event, data.patientSubjectId),
  );
}

/**
 * Attendance at a group session is attendance at an appointment to the consumers (a treatment group counts as a
 * treatment session). The group's organisation is the recorder's: only its staff may record attendance.
 */
function groupAttendance(event: RecordedEvent, data: GroupAttendanceRecorded['data']): IntegrationEvent {
  const appointmentId = groupPlaceAppointmentId(data.groupSessionId, data.patientSubjectId);
  const organisationId = event.metadata.actor.organisationId;
  const ctx = context(event, data.patientSubjectId);
  if (data.attendance.outcome === 'attended') {
    return createIntegrationEvent(
      AppointmentAttendedV1Contract,
      {
        appointmentId,
        episodeId: data.episodeId,
        organisationId,
        purpose: data.purpose,
        startsAt: data.startsAt,
        durationMinutes: data.attendance.durationMinutes,
        isTreatment: TREATMENT_PURPOSES.includes(data.purpose),
        attendedAt: data.recordedAt,
      },
      ctx,
    );
  }
  return createIntegrationEvent(
    AppointmentNotAttendedV1Contract,
    {
      appointmentId,
      episodeId: data.episodeId,
      organisationId,
      purpose: data.purpose,
      startsAt: data.startsAt,
      outcome: data.attendance.outcome,
      recordedAt: data.recordedAt,
    },
    ctx,
  );
}
