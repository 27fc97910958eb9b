import type { Instant } from '../time/europe-london';
import type { CancelledBy } from '../vocabulary';
import { bookingToMove } from './appointment-slot.decider';
import type { AppointmentSlotState, MoveAppointmentIn, RescheduleAppointment } from './appointment-slot.types';
import type { PatientAppointment } from './patient-double-booking';

export interface RescheduleRequest {
  appointmentId: string;
  toSlotId: string;
  requestedBy: CancelledBy;
  /** User id of whoever moves it. */
  rescheduledBy: string;
  at: Instant;
  patientAppointments: readonly PatientAppointment[];
}

/**
 * A reschedule touches two slot streams, so it is two decisions in a fixed order:
 * 1. `moveIn` on the target slot (refused if that slot is taken, embargoed, unsuitable or clashes for the patient:
 *    the original booking is then untouched);
 * 2. `moveOut` on the source slot, which frees it.
 * Both are idempotent, so a handler that fails between them simply runs them again. If step 2 is refused because
 * the source changed in between (cancelled, attended), the handler cancels the target booking by the service with
 * reason `booked-in-error`. Checked against the source state first, with the source side's refusals.
 */
export function planReschedule(
  source: AppointmentSlotState,
  request: RescheduleRequest,
): { moveIn: MoveAppointmentIn; moveOut: RescheduleAppointment } {
  const { slot, booking } = bookingToMove(source, request.appointmentId, request.at);
  return {
    moveIn: {
      type: 'MoveAppointmentIn',
      slotId: request.toSlotId,
      fromSlotId: slot.slotId,
      appointmentId: booking.appointmentId,
      patientSubjectId: booking.patientSubjectId,
      episodeId: booking.episodeId,
      purpose: booking.purpose,
      mode: booking.mode,
      bookedBy: request.rescheduledBy,
      movedAt: request.at,
      patientAppointments: request.patientAppointments,
    },
    moveOut: {
      type: 'RescheduleAppointment',
      appointmentId: booking.appointmentId,
      toSlotId: request.toSlotId,
      requestedBy: request.requestedBy,
      rescheduledBy: request.rescheduledBy,
      rescheduledAt: request.at,
    },
  };
}
