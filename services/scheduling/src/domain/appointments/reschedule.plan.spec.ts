import { fold } from '@stepwell/decider';
import { appointmentSlotDecider } from './appointment-slot.decider';
import type { AppointmentSlotEvent, AppointmentSlotState, SlotFacts } from './appointment-slot.types';
import { planReschedule } from './reschedule.plan';

const slot = (slotId: string, startsAt: string, endsAt: string): SlotFacts => ({
  slotId,
  sessionId: 'session-1',
  clinicianId: 'clinician-1',
  organisationId: 'org-1',
  siteId: 'site-1',
  startsAt,
  endsAt,
  embargo: 'none',
  modes: ['video'],
  purposes: ['treatment'],
});
const source = slot('slot-a', '2026-12-01T09:00:00.000Z', '2026-12-01T09:30:00.000Z');
const target = slot('slot-b', '2026-12-08T09:00:00.000Z', '2026-12-08T09:30:00.000Z');
const opened = (facts: SlotFacts): AppointmentSlotEvent => ({ type: 'SlotOpened', data: { ...facts, openedAt: '2026-11-01T00:00:00.000Z' } });

const decideAll = (state: AppointmentSlotState, command: Parameters<typeof appointmentSlotDecider.decide>[0]) =>
  fold(appointmentSlotDecider, appointmentSlotDecider.decide(command, state), state);

describe('rescheduling across two slots', () => {
  const at = '2026-11-25T12:00:00.000Z';
  const booked = decideAll(fold(appointmentSlotDecider, [opened(source)]), {
    type: 'BookAppointment',
    slotId: 'slot-a',
    appointmentId: 'appt-1',
    patientSubjectId: 'patient-1',
    episodeId: 'episode-1',
    purpose: 'treatment',
    mode: 'video',
    bookedBy: 'user-1',
    bookedAt: '2026-11-20T00:00:00.000Z',
    patientAppointments: [],
  });
  const request = {
    appointmentId: 'appt-1',
    toSlotId: 'slot-b',
    requestedBy: 'patient',
    rescheduledBy: 'user-2',
    at,
    patientAppointments: [{ appointmentId: 'appt-1', startsAt: source.startsAt, endsAt: source.endsAt }],
  } as const;

  it('moves the appointment into the target slot, then frees the source slot, keeping its id', () => {
    const plan = planReschedule(booked, request);
    const targetAfter = decideAll(fold(appointmentSlotDecider, [opened(target)]), plan.moveIn);
    const sourceAfter = decideAll(booked, plan.moveOut);
    expect(targetAfter).toMatchObject({ status: 'Booked', booking: { appointmentId: 'appt-1', patientSubjectId: 'patient-1', fromSlotId: 'slot-a' } });
    expect(sourceAfter).toMatchObject({ status: 'Open', departed: { 'appt-1': { how: 'moved-out', toSlotId: 'slot-b' } } });
  });

  it('is safe to run again after a failure between the two steps', () => {
    const plan = planReschedule(booked, request);
    const targetAfter = decideAll(fold(appointmentSlotDecider, [opened(target)]), plan.moveIn);
    expect(appointmentSlotDecider.decide(plan.moveIn, targetAfter)).toEqual([]);
    const sourceAfter = decideAll(booked, plan.moveOut);
    expect(appointmentSlotDecider.decide(plan.moveOut, sourceAfter)).toEqual([]);
  });

  it('refuses to plan a move of an appointment that is not on the source slot or has started', () => {
    expect(() => planReschedule(fold(appointmentSlotDecider, [opened(source)]), request)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_NOT_FOUND' }),
    );
    expect(() => planReschedule(booked, { ...request, at: source.startsAt })).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT_ALREADY_STARTED' }),
    );
  });
});
