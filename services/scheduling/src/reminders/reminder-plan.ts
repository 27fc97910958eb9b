import { deterministicUuid } from '@stepwell/decider';
import type { AppointmentRef } from '../domain';
import type { AppointmentReminder, ReminderOffset } from './notification.port';

/**
 * The reminders of one booking: one per offset whose send time is still after the booking time (a booking two
 * hours ahead gets no "2 days before" reminder).
 */
export function remindersFor(appointment: AppointmentRef, bookedAt: string, offsets: readonly ReminderOffset[]): AppointmentReminder[] {
  const start = Date.parse(appointment.startsAt);
  const booked = Date.parse(bookedAt);
  return offsets
    .map((offset) => ({ offset, sendAt: start - offset.minutesBefore * 60_000 }))
    .filter(({ sendAt }) => sendAt > booked)
    .map(({ offset, sendAt }) => ({
      reminderId: deterministicUuid(`reminder\u0000${appointment.appointmentId}\u0000${appointment.slotId}\u0000${offset.kind}`),
      appointmentId: appointment.appointmentId,
      slotId: appointment.slotId,
      patientSubjectId: appointment.patientSubjectId,
      organisationId: appointment.organisationId,
      kind: offset.kind,
      appointmentStartsAt: appointment.startsAt,
      sendAt: new Date(sendAt).toISOString(),
    }));
}
