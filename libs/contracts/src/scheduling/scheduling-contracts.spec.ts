import { validateIntegrationEvent } from '../registry';
import type { AppointmentAttendedV1 } from './v1/appointment-attended.contract';
import type { AppointmentBookedV1 } from './v1/appointment-booked.contract';
import type { AppointmentCancelledV1 } from './v1/appointment-cancelled.contract';
import type { AppointmentNotAttendedV1 } from './v1/appointment-not-attended.contract';
import type { AppointmentRescheduledV1 } from './v1/appointment-rescheduled.contract';
import type { EngagementReviewNeededV1 } from './v1/engagement-review-needed.contract';

const ids = { appointmentId: 'a-1', episodeId: 'e-1', organisationId: 'Y01234' };
const booked: AppointmentBookedV1 = {
  ...ids,
  slotId: 's-1',
  clinicianId: 'c-1',
  purpose: 'treatment',
  mode: 'video',
  startsAt: '2026-11-23T09:00:00.000Z',
  endsAt: '2026-11-23T09:30:00.000Z',
  bookedAt: '2026-11-21T09:00:00.000Z',
};
const rescheduled: AppointmentRescheduledV1 = {
  ...ids,
  fromSlotId: 's-1',
  toSlotId: 's-2',
  startsAt: '2026-11-24T09:00:00.000Z',
  endsAt: '2026-11-24T09:30:00.000Z',
  rescheduledAt: '2026-11-21T10:00:00.000Z',
};
const cancelled: AppointmentCancelledV1 = { ...ids, cancelledBy: 'patient', reason: 'patient-unwell', cancelledAt: '2026-11-21T10:00:00Z' };
const attended: AppointmentAttendedV1 = {
  ...ids,
  purpose: 'assessment-and-treatment',
  startsAt: '2026-11-23T09:00:00.000Z',
  durationMinutes: 30,
  isTreatment: true,
  attendedAt: '2026-11-23T09:30:00.000Z',
};
const notAttended: AppointmentNotAttendedV1 = {
  ...ids,
  purpose: 'treatment',
  startsAt: '2026-11-23T09:00:00.000Z',
  outcome: 'did-not-attend',
  recordedAt: '2026-11-23T09:20:00.000Z',
};
const review: EngagementReviewNeededV1 = { episodeId: 'e-1', organisationId: 'Y01234', consecutiveMissed: 2, raisedAt: '2026-11-30T09:20:00Z' };

const event = (type: string, data: unknown) => ({ type: `scheduling.${type}`, version: 1, data });

describe('scheduling v1 contracts', () => {
  it.each([
    ['appointment-booked', booked],
    ['appointment-rescheduled', rescheduled],
    ['appointment-cancelled', cancelled],
    ['appointment-attended', attended],
    ['appointment-not-attended', notAttended],
    ['engagement-review-needed', review],
  ])('accepts a %s v1 that matches its contract', (type, data) => {
    expect(validateIntegrationEvent(event(type, data))).toEqual({ ok: true });
  });

  it('rejects a booking with an unknown mode or purpose and names both fields', () => {
    const result = validateIntegrationEvent(event('appointment-booked', { ...booked, mode: 'carrier-pigeon', purpose: 'chat' }));
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toContain('data.mode');
    expect(problems).toContain('data.purpose');
  });

  it('rejects a cancellation whose reason is free text rather than a code', () => {
    const result = validateIntegrationEvent(event('appointment-cancelled', { ...cancelled, reason: 'Felt too low to come in' }));
    expect(result.ok).toBe(false);
  });

  it('rejects a patient name riding along in an attendance event', () => {
    const result = validateIntegrationEvent(event('appointment-attended', { ...attended, patientName: 'Jane Doe' }));
    expect(result.ok).toBe(false);
  });

  it('rejects an engagement review raised after fewer than two missed appointments', () => {
    expect(validateIntegrationEvent(event('engagement-review-needed', { ...review, consecutiveMissed: 1 })).ok).toBe(false);
  });

  it('rejects an attended event without isTreatment', () => {
    const { isTreatment: _omitted, ...rest } = attended;
    expect(validateIntegrationEvent(event('appointment-attended', rest)).ok).toBe(false);
  });
});
