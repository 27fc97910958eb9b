import { assertPatientNotDoubleBooked, overlappingAppointment } from './patient-double-booking';

const slot = { startsAt: '2026-12-01T09:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' };
const other = (id: string, startsAt: string, endsAt: string) => ({ appointmentId: id, startsAt, endsAt });

describe('patient double-booking check', () => {
  it('finds an appointment that overlaps at either end or contains the slot', () => {
    expect(overlappingAppointment(slot, [other('a', '2026-12-01T08:30:00.000Z', '2026-12-01T09:01:00.000Z')])?.appointmentId).toBe('a');
    expect(overlappingAppointment(slot, [other('b', '2026-12-01T09:59:00.000Z', '2026-12-01T11:00:00.000Z')])?.appointmentId).toBe('b');
    expect(overlappingAppointment(slot, [other('c', '2026-12-01T08:00:00.000Z', '2026-12-01T12:00:00.000Z')])?.appointmentId).toBe('c');
    expect(overlappingAppointment(slot, [other('d', '2026-12-01T09:15:00.000Z', '2026-12-01T09:30:00.000Z')])?.appointmentId).toBe('d');
  });

  it('allows back-to-back appointments and ignores the appointment being moved', () => {
    const neighbours = [
      other('before', '2026-12-01T08:00:00.000Z', '2026-12-01T09:00:00.000Z'),
      other('after', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z'),
      other('moving', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z'),
    ];
    expect(overlappingAppointment(slot, neighbours, 'moving')).toBeUndefined();
    expect(() => assertPatientNotDoubleBooked(slot, neighbours, 'moving')).not.toThrow();
  });

  it('refuses with PATIENT_DOUBLE_BOOKED naming the clashing appointment', () => {
    expect(() => assertPatientNotDoubleBooked(slot, [other('x', slot.startsAt, slot.endsAt)])).toThrow(
      expect.objectContaining({ code: 'PATIENT_DOUBLE_BOOKED', details: { clashingAppointmentId: 'x' } }),
    );
  });
});
