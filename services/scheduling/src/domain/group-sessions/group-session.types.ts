import type { Attendance } from '../appointments/appointment-slot.types';
import type { PatientAppointment } from '../appointments/patient-double-booking';
import type { Instant } from '../time/europe-london';
import type {
  AppointmentMode,
  AppointmentPurpose,
  CancellationReason,
  CancelledBy,
  SessionCancellationReason,
} from '../vocabulary';

/** A group session: a psycho-education class, a walking group; people book places up to its capacity. */
export interface GroupSessionFacts {
  groupSessionId: string;
  organisationId: string;
  /** Clinicians who run it (at least one). */
  facilitatorIds: string[];
  siteId: string;
  /** What kind of group, as a code from the service's catalogue (e.g. `stress-control`, `walking-group`). */
  programmeCode: string;
  startsAt: Instant;
  endsAt: Instant;
  capacity: number;
  mode: AppointmentMode;
  purpose: AppointmentPurpose;
}

export type ScheduleGroupSession = { type: 'ScheduleGroupSession'; scheduledAt: Instant } & GroupSessionFacts;
export interface BookGroupPlace {
  type: 'BookGroupPlace';
  patientSubjectId: string;
  episodeId: string;
  bookedBy: string;
  bookedAt: Instant;
  /** The patient's other live appointments (individual and group), looked up by the handler. */
  patientAppointments: readonly PatientAppointment[];
}
export interface CancelGroupPlace {
  type: 'CancelGroupPlace';
  patientSubjectId: string;
  cancelledBy: CancelledBy;
  reason: CancellationReason;
  recordedBy: string;
  cancelledAt: Instant;
}
export interface RecordGroupAttendance {
  type: 'RecordGroupAttendance';
  patientSubjectId: string;
  attendance: Attendance;
  recordedBy: string;
  recordedAt: Instant;
}
export interface CancelGroupSession {
  type: 'CancelGroupSession';
  reason: SessionCancellationReason;
  cancelledBy: string;
  cancelledAt: Instant;
}
export type GroupSessionCommand =
  | ScheduleGroupSession
  | BookGroupPlace
  | CancelGroupPlace
  | RecordGroupAttendance
  | CancelGroupSession;

export type GroupSessionScheduled = { type: 'GroupSessionScheduled'; data: GroupSessionFacts & { scheduledAt: Instant } };
export type GroupPlaceBooked = {
  type: 'GroupPlaceBooked';
  data: { groupSessionId: string; patientSubjectId: string; episodeId: string; bookedBy: string; bookedAt: Instant; placesLeft: number };
};
export type GroupPlaceCancelled = {
  type: 'GroupPlaceCancelled';
  data: {
    groupSessionId: string;
    patientSubjectId: string;
    episodeId: string;
    cancelledBy: CancelledBy;
    reason: CancellationReason;
    recordedBy: string;
    cancelledAt: Instant;
  };
};
export type GroupAttendanceRecorded = {
  type: 'GroupAttendanceRecorded';
  data: {
    groupSessionId: string;
    patientSubjectId: string;
    episodeId: string;
    purpose: AppointmentPurpose;
    startsAt: Instant;
    attendance: Attendance;
    recordedBy: string;
    recordedAt: Instant;
  };
};
export type GroupSessionCancelled = {
  type: 'GroupSessionCancelled';
  data: { groupSessionId: string; reason: SessionCancellationReason; cancelledBy: string; cancelledAt: Instant };
};
export type GroupSessionEvent =
  | GroupSessionScheduled
  | GroupPlaceBooked
  | GroupPlaceCancelled
  | GroupAttendanceRecorded
  | GroupSessionCancelled;

/** One person's place: `booked` holds capacity; `cancelled` frees it; attendance once the group has met. */
export interface GroupPlace {
  episodeId: string;
  status: 'booked' | 'cancelled';
  attendance?: Attendance;
}

/**
 * - `Unscheduled`: nothing yet. - `Scheduled`: places can be booked up to capacity until it starts.
 * - `Cancelled`: the group will not meet; every booked place was cancelled by the service.
 */
export type GroupSessionState =
  | { status: 'Unscheduled' }
  | { status: 'Scheduled' | 'Cancelled'; session: GroupSessionFacts; places: Readonly<Record<string, GroupPlace>> };
