import type { AppointmentRef } from '../domain';
import { DEFAULT_REMINDER_OFFSETS } from './notification.port';
import { remindersFor } from './reminder-plan';

const appointment: AppointmentRef = {
  appointmentId: 'a-1',
  slotId: 's-1',
  patientSubjectId: 'p-1',
  episodeId: 'e-1',
  clinicianId: 'c-1',
  organisationId: 'A81001',
  purpose: 'treatment',
  mode: 'telephone',
  startsAt: '2026-11-25T10:00:00.000Z',
  endsAt: '2026-11-25T10:30:00.000Z',
};

describe('remindersFor', () => {
  it('plans a reminder 2 days and one 2 hours before the appointment', () => {
    const reminders = remindersFor(appointment, '2026-11-21T09:00:00.000Z', DEFAULT_REMINDER_OFFSETS);
    expect(reminders.map((r) => [r.kind, r.sendAt])).toEqual([
      ['2-days-before', '2026-11-23T10:00:00.000Z'],
      ['2-hours-before', '2026-11-25T08:00:00.000Z'],
    ]);
  });

  it('leaves out a reminder whose time has passed when the appointment is booked', () => {
    const reminders = remindersFor(appointment, '2026-11-24T12:00:00.000Z', DEFAULT_REMINDER_OFFSETS);
    expect(reminders.map((r) => r.kind)).toEqual(['2-hours-before']);
  });

  it('gives the same reminder the same id every time, and another slot’s booking other ids', () => {
    const once = remindersFor(appointment, '2026-11-21T09:00:00.000Z', DEFAULT_REMINDER_OFFSETS);
    const again = remindersFor(appointment, '2026-11-21T10:00:00.000Z', DEFAULT_REMINDER_OFFSETS);
    const moved = remindersFor({ ...appointment, slotId: 's-2' }, '2026-11-21T09:00:00.000Z', DEFAULT_REMINDER_OFFSETS);
    expect(again.map((r) => r.reminderId)).toEqual(once.map((r) => r.reminderId));
    expect(moved.map((r) => r.reminderId)).not.toEqual(once.map((r) => r.reminderId));
  });

  it('follows configured offsets', () => {
    const reminders = remindersFor(appointment, '2026-11-21T09:00:00.000Z', [{ kind: '1-day-before', minutesBefore: 1440 }]);
    expect(reminders.map((r) => r.sendAt)).toEqual(['2026-11-24T10:00:00.000Z']);
  });
});
