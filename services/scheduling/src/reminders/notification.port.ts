/** A message to the patient about an appointment, to be sent at `sendAt`. Ids and times only: no content here. */
export interface AppointmentReminder {
  /** Deterministic (appointment, slot, offset): scheduling the same reminder twice is harmless. */
  reminderId: string;
  appointmentId: string;
  slotId: string;
  patientSubjectId: string;
  organisationId: string;
  /** e.g. `2-days-before`, `2-hours-before`. */
  kind: string;
  appointmentStartsAt: string;
  sendAt: string;
}

/**
 * Where reminders go (SMS gateway, NHS Notify, ...). Both operations are idempotent: the reactor that calls them
 * may deliver an event more than once.
 */
export interface NotificationPort {
  schedule(reminder: AppointmentReminder): Promise<void>;
  /** Withdraws the not-yet-sent reminders of the appointment's booking of this slot (cancelled or moved). */
  withdraw(appointmentId: string, slotId: string, at: string): Promise<void>;
}

export const NOTIFICATION_PORT = 'SCHEDULING_NOTIFICATION_PORT';

/** When reminders go out, before the appointment starts (issue 6: 2 days and 2 hours; configurable). */
export interface ReminderOffset {
  kind: string;
  minutesBefore: number;
}

export const REMINDER_OFFSETS = 'SCHEDULING_REMINDER_OFFSETS';

export const DEFAULT_REMINDER_OFFSETS: readonly ReminderOffset[] = [
  { kind: '2-days-before', minutesBefore: 2 * 24 * 60 },
  { kind: '2-hours-before', minutesBefore: 2 * 60 },
];
