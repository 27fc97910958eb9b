import { DomainError } from '@stepwell/decider';
import { instantMs, type Instant } from '../time/europe-london';

/** One of the patient's other live (booked, not yet concluded) appointments, from the patient's read model. */
export interface PatientAppointment {
  appointmentId: string;
  startsAt: Instant;
  endsAt: Instant;
}

/**
 * The first of the patient's appointments that overlaps `[startsAt, endsAt)`, ignoring `movingAppointmentId`
 * (an appointment being moved does not clash with itself). Back-to-back appointments do not overlap.
 */
export function overlappingAppointment(
  times: { startsAt: Instant; endsAt: Instant },
  others: readonly PatientAppointment[],
  movingAppointmentId?: string,
): PatientAppointment | undefined {
  const start = instantMs(times.startsAt);
  const end = instantMs(times.endsAt);
  return others.find(
    (other) =>
      other.appointmentId !== movingAppointmentId &&
      instantMs(other.startsAt) < end &&
      start < instantMs(other.endsAt),
  );
}

/** Refuses with `PATIENT_DOUBLE_BOOKED` when the patient already has an appointment at an overlapping time. */
export function assertPatientNotDoubleBooked(
  times: { startsAt: Instant; endsAt: Instant },
  others: readonly PatientAppointment[],
  movingAppointmentId?: string,
): void {
  const clash = overlappingAppointment(times, others, movingAppointmentId);
  if (clash) {
    throw new DomainError('PATIENT_DOUBLE_BOOKED', 'The patient already has an appointment at that time', {
      clashingAppointmentId: clash.appointmentId,
    });
  }
}
