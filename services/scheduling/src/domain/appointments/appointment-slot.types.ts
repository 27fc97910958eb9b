import type { Instant } from '../time/europe-london';
import type {
  AppointmentMode,
  AppointmentPurpose,
  CancellationReason,
  CancelledBy,
  Embargo,
  SessionCancellationReason,
} from '../vocabulary';
import type { PatientAppointment } from './patient-double-booking';

/** The diary's facts about one slot, copied into the slot's stream when it opens. */
export interface SlotFacts {
  slotId: string;
  sessionId: string;
  clinicianId: string;
  organisationId: string;
  siteId: string;
  startsAt: Instant;
  endsAt: Instant;
  embargo: Embargo;
  modes: AppointmentMode[];
  purposes: AppointmentPurpose[];
}

/** Who the appointment is for and what it is. No names: the patient is an opaque subject id. */
export interface BookingRequest {
  appointmentId: string;
  patientSubjectId: string;
  /** The care episode (one step of stepped care) this appointment belongs to. */
  episodeId: string;
  purpose: AppointmentPurpose;
  mode: AppointmentMode;
  /** User id of whoever booked (staff, or the patient through self-booking). */
  bookedBy: string;
}

/** How an appointment ended when it took place (or did not). */
export type Attendance =
  | { outcome: 'attended'; durationMinutes: number }
  /** DNA: the person did not come and did not warn in time. */
  | { outcome: 'did-not-attend' }
  /** Came too late to be seen: counts as not attended for follow-up, but is recorded as it happened. */
  | { outcome: 'arrived-late-not-seen' };

// ── commands ────────────────────────────────────────────────────────────────────────────────────────────────

/** Sent for each slot of a `DiarySessionAdded`. */
export type OpenSlot = { type: 'OpenSlot'; openedAt: Instant } & SlotFacts;

/** Sent for each slot of a `DiarySessionCancelled`: any booking on it is cancelled by the service. */
export interface WithdrawSlot {
  type: 'WithdrawSlot';
  slotId: string;
  reason: SessionCancellationReason;
  withdrawnBy: string;
  withdrawnAt: Instant;
}

export type BookAppointment = {
  type: 'BookAppointment';
  slotId: string;
  bookedAt: Instant;
  /** The patient's other live appointments, looked up by the handler (read model). */
  patientAppointments: readonly PatientAppointment[];
} & BookingRequest;

/**
 * Rescheduling, target side: the appointment takes this slot, keeping its id. Decided before the source side
 * (`RescheduleAppointment`), so that a refused target leaves the original booking untouched.
 */
export type MoveAppointmentIn = {
  type: 'MoveAppointmentIn';
  slotId: string;
  fromSlotId: string;
  movedAt: Instant;
  patientAppointments: readonly PatientAppointment[];
} & BookingRequest;

/** Rescheduling, source side: the appointment leaves this slot for `toSlotId`, and this slot is open again. */
export interface RescheduleAppointment {
  type: 'RescheduleAppointment';
  appointmentId: string;
  toSlotId: string;
  requestedBy: CancelledBy;
  rescheduledBy: string;
  rescheduledAt: Instant;
}

export interface CancelAppointment {
  type: 'CancelAppointment';
  appointmentId: string;
  cancelledBy: CancelledBy;
  reason: CancellationReason;
  recordedBy: string;
  cancelledAt: Instant;
}

export interface RecordAttendance {
  type: 'RecordAttendance';
  appointmentId: string;
  attendance: Attendance;
  recordedBy: string;
  recordedAt: Instant;
}

export type AppointmentSlotCommand =
  | OpenSlot
  | WithdrawSlot
  | BookAppointment
  | MoveAppointmentIn
  | RescheduleAppointment
  | CancelAppointment
  | RecordAttendance;

// ── events ──────────────────────────────────────────────────────────────────────────────────────────────────

/** What every appointment event says about the appointment, so that consumers need no lookup. */
export interface AppointmentRef {
  appointmentId: string;
  slotId: string;
  patientSubjectId: string;
  episodeId: string;
  clinicianId: string;
  organisationId: string;
  purpose: AppointmentPurpose;
  mode: AppointmentMode;
  startsAt: Instant;
  endsAt: Instant;
}

export type SlotOpened = { type: 'SlotOpened'; data: SlotFacts & { openedAt: Instant } };
export type SlotWithdrawn = {
  type: 'SlotWithdrawn';
  data: { slotId: string; reason: SessionCancellationReason; withdrawnBy: string; withdrawnAt: Instant };
};
export type AppointmentBooked = { type: 'AppointmentBooked'; data: AppointmentRef & { bookedBy: string; bookedAt: Instant } };
/** Target side of a reschedule: the appointment now holds this slot (published as "appointment rescheduled"). */
export type AppointmentMovedIn = {
  type: 'AppointmentMovedIn';
  data: AppointmentRef & { fromSlotId: string; bookedBy: string; movedAt: Instant };
};
/** Source side of a reschedule: the appointment left this slot, which is open again. */
export type AppointmentMovedOut = {
  type: 'AppointmentMovedOut';
  data: AppointmentRef & { toSlotId: string; requestedBy: CancelledBy; rescheduledBy: string; rescheduledAt: Instant };
};
export type AppointmentCancelled = {
  type: 'AppointmentCancelled';
  data: AppointmentRef & { cancelledBy: CancelledBy; reason: CancellationReason; recordedBy: string; cancelledAt: Instant };
};
export type AppointmentAttended = {
  type: 'AppointmentAttended';
  data: AppointmentRef & { durationMinutes: number; recordedBy: string; recordedAt: Instant };
};
export type AppointmentNotAttended = {
  type: 'AppointmentNotAttended';
  data: AppointmentRef & {
    outcome: 'did-not-attend' | 'arrived-late-not-seen';
    recordedBy: string;
    recordedAt: Instant;
  };
};

export type AppointmentSlotEvent =
  | SlotOpened
  | SlotWithdrawn
  | AppointmentBooked
  | AppointmentMovedIn
  | AppointmentMovedOut
  | AppointmentCancelled
  | AppointmentAttended
  | AppointmentNotAttended;

// ── state ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The appointment currently holding the slot. `fromSlotId`: it was rescheduled here from that slot. */
export type Booking = BookingRequest & { fromSlotId?: string };

/** Appointments that held this slot and left it, by id: kept so that repeated cancels and moves are no-ops. */
export type Departed = Readonly<
  Record<string, { how: 'cancelled'; cancelledBy: CancelledBy; reason: CancellationReason } | { how: 'moved-out'; toSlotId: string }>
>;

/**
 * One bookable slot (one stream per slot, so that the store's expected revision books it at most once).
 * - `Unopened`: the diary has not opened it (yet).
 * - `Open`: nobody holds it; bookable inside its embargo window.
 * - `Booked`: an appointment holds it.
 * - `Concluded`: the appointment's time came and attendance was recorded.
 * - `Withdrawn`: its diary session was cancelled; never bookable again.
 */
export type AppointmentSlotState =
  | { status: 'Unopened' }
  | { status: 'Open'; slot: SlotFacts; departed: Departed }
  | { status: 'Booked'; slot: SlotFacts; booking: Booking; departed: Departed }
  | { status: 'Concluded'; slot: SlotFacts; booking: Booking; attendance: Attendance; departed: Departed }
  | { status: 'Withdrawn'; slot: SlotFacts; departed: Departed };
