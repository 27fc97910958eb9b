import type { Instant, LocalDate, LocalTime } from '../time/europe-london';
import type {
  AppointmentMode,
  AppointmentPurpose,
  Embargo,
  SessionCancellationReason,
  SlotLengthMinutes,
} from '../vocabulary';

/** One bookable slot as the diary lays it out: UTC bounds, id derived from (session id, index). */
export interface DiarySlot {
  slotId: string;
  /** 0-based position of the slot in its session. */
  index: number;
  startsAt: Instant;
  endsAt: Instant;
}

/** The request to open a diary session: wall-clock times in Europe/London, as the clinician sees them. */
export interface AddDiarySession {
  type: 'AddDiarySession';
  sessionId: string;
  clinicianId: string;
  organisationId: string;
  siteId: string;
  date: LocalDate;
  startTime: LocalTime;
  endTime: LocalTime;
  /** 15, 30, 45 or 60 (checked: the value arrives from outside). */
  slotLengthMinutes: number;
  modes: readonly AppointmentMode[];
  purposes: readonly AppointmentPurpose[];
  embargo: Embargo;
  addedAt: Instant;
}

export interface CancelDiarySession {
  type: 'CancelDiarySession';
  sessionId: string;
  reason: SessionCancellationReason;
  cancelledAt: Instant;
}

export type DiaryCommand = AddDiarySession | CancelDiarySession;

export interface DiarySessionAddedData {
  sessionId: string;
  clinicianId: string;
  organisationId: string;
  siteId: string;
  date: LocalDate;
  startTime: LocalTime;
  endTime: LocalTime;
  startsAt: Instant;
  endsAt: Instant;
  slotLengthMinutes: SlotLengthMinutes;
  modes: AppointmentMode[];
  purposes: AppointmentPurpose[];
  embargo: Embargo;
  slots: DiarySlot[];
  addedAt: Instant;
}

export interface DiarySessionCancelledData {
  sessionId: string;
  clinicianId: string;
  reason: SessionCancellationReason;
  /** Every slot of the session: the slot streams withdraw them (and cancel any booking, by the service). */
  slotIds: string[];
  cancelledAt: Instant;
}

export type DiarySessionAdded = { type: 'DiarySessionAdded'; data: DiarySessionAddedData };
export type DiarySessionCancelled = { type: 'DiarySessionCancelled'; data: DiarySessionCancelledData };
export type DiaryEvent = DiarySessionAdded | DiarySessionCancelled;

/** A session in the diary: `scheduled` (its slots exist) or `cancelled` (kept so that its id is never reused). */
export type DiarySession = DiarySessionAddedData & { status: 'scheduled' | 'cancelled' };

/**
 * A clinician's diary (one stream per clinician).
 * - `Empty`: no session was ever added.
 * - `Kept`: the clinician has sessions; `sessions` by session id, cancelled ones included.
 */
export type DiaryState =
  | { status: 'Empty' }
  | { status: 'Kept'; clinicianId: string; sessions: Readonly<Record<string, DiarySession>> };
