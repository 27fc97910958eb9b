import type { RecordedEvent } from '@stepwell/event-store';
import { plainType, subjectAccessEntryOf } from './subject-access';

const event = (type: string, data: unknown): RecordedEvent => ({
  id: 'e1',
  type,
  data,
  streamId: 'referral-1',
  revision: 0,
  globalPosition: 42,
  recordedAt: '2026-12-01T10:00:01.000Z',
  hash: 'h',
  metadata: {
    occurredAt: '2026-12-01T10:00:00.000Z',
    correlationId: 'c',
    causationId: null,
    actor: { userId: 'u1', organisationId: 'A81001', role: 'clinician' },
    patientSubjectId: 'p1',
    schemaVersion: 1,
  },
});

describe('a subject access entry', () => {
  it('says the fact in the service’s own sentence, with a stable id, who recorded it and the record as held', () => {
    const entry = subjectAccessEntryOf('referrals', { ReferralReceived: (d) => `You were referred: ${String(d['reason'])}` }, event('ReferralReceived', { reason: 'low mood' }));
    expect(entry).toEqual({
      entryId: 'referrals:42',
      service: 'referrals',
      occurredAt: '2026-12-01T10:00:00.000Z',
      type: 'ReferralReceived',
      summary: 'You were referred: low mood',
      actor: { userId: 'u1', role: 'clinician', organisationId: 'A81001' },
      data: { reason: 'low mood' },
    });
  });

  it('reads a type without a sentence, or whose sentence does not fit the data, as its name; never loses the fact', () => {
    expect(plainType('AppointmentNotAttended')).toBe('Appointment not attended');
    expect(subjectAccessEntryOf('scheduling', {}, event('AppointmentBooked', {})).summary).toBe('Appointment booked.');
    const broken = subjectAccessEntryOf('x', { Odd: (d) => (d['missing'] as { deep: string }).deep }, event('Odd', {}));
    expect(broken.summary).toBe('Odd.');
  });

  it('leaves out the data of a summary-only type (a copy of an earlier export) but keeps the fact', () => {
    const entry = subjectAccessEntryOf('referrals', {}, event('SubjectAccessSourceCollected', { holdings: { big: true } }), ['SubjectAccessSourceCollected']);
    expect(entry.data).toBeNull();
    expect(entry.summary).toBe('Subject access source collected.');
  });
});
