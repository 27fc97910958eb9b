import { ReferralWithdrawnV1Contract } from '@stepwell/contracts';
import { referralReceived } from '../testing/integration-events.fixture';
import { ContractViolationError, createIntegrationEvent } from './integration-event';
import { deterministicEventId, deterministicMessageId, uuidV5 } from './message-ids';
import { decodeIntegrationEvent, encodeIntegrationEvent, HEADER_TYPE, HEADER_VERSION, InvalidEnvelopeError, partitionKeyOf } from './wire-format';

describe('integration-event wire format', () => {
  it('round-trips an event, with type, version and message id in the headers and the patient as key', () => {
    const event = referralReceived('patient-1', 1);
    const wire = encodeIntegrationEvent(event);
    expect(wire.key).toBe('patient-1');
    expect(wire.headers).toMatchObject({
      [HEADER_TYPE]: 'referrals.referral-received',
      [HEADER_VERSION]: '1',
      'stepwell-message-id': event.messageId,
    });
    expect(decodeIntegrationEvent({ value: Buffer.from(wire.value), headers: wire.headers })).toEqual({ ok: true, event });
  });

  it('keys a patient-less event by nothing, except a producer’s signed tree heads, keyed by producer so they stay in order', () => {
    const base = referralReceived('patient-1', 1);
    expect(encodeIntegrationEvent({ ...base, patientSubjectId: null }).key).toBeNull();
    const head = { ...base, type: 'scheduling.tree-head-signed', source: 'scheduling', patientSubjectId: null };
    expect(encodeIntegrationEvent(head).key).toBe('producer:scheduling');
    expect(partitionKeyOf({ ...head, type: 'referrals.tree-head-signed', source: 'referrals' })).toBe('producer:referrals');
    expect(partitionKeyOf({ ...head, patientSubjectId: 'patient-2' })).toBe('patient-2');
  });

  it('rejects a value that is not JSON, or empty', () => {
    expect(decodeIntegrationEvent({ value: '{nope' })).toEqual({ ok: false, problems: ['value: not JSON'] });
    expect(decodeIntegrationEvent({ value: null })).toEqual({ ok: false, problems: ['value: empty message'] });
  });

  it('names every envelope problem: bad ids, missing fields, unknown fields, bad timestamps', () => {
    const { correlationId: _dropped, ...rest } = referralReceived('patient-1', 1);
    const result = decodeIntegrationEvent({
      value: JSON.stringify({ ...rest, messageId: 'x', version: 0, occurredAt: 'yesterday', nhsNumber: '9434765919' }),
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    for (const expected of ['messageId', 'version', 'occurredAt', 'correlationId', 'unknown field nhsNumber']) {
      expect(problems).toContain(expected);
    }
  });

  it('rejects headers that disagree with the body', () => {
    const wire = encodeIntegrationEvent(referralReceived('patient-1', 1));
    const result = decodeIntegrationEvent({ value: wire.value, headers: { ...wire.headers, [HEADER_VERSION]: '2' } });
    expect(result).toEqual({ ok: false, problems: [`headers: ${HEADER_VERSION} disagrees with the body`] });
  });

  it('refuses to encode an invalid envelope', () => {
    expect(() => encodeIntegrationEvent({ ...referralReceived('p', 1), messageId: 'not-a-uuid' })).toThrow(InvalidEnvelopeError);
  });
});

describe('createIntegrationEvent', () => {
  it('builds an envelope from a contract and its data', () => {
    const event = createIntegrationEvent(
      ReferralWithdrawnV1Contract,
      { referralId: 'r-1', reason: 'duplicate', withdrawnAt: '2026-11-21T10:00:00Z' },
      { patientSubjectId: 'p-1', occurredAt: '2026-11-21T10:00:00Z', correlationId: 'c-1', causationId: null },
    );
    expect(event).toMatchObject({ type: 'referrals.referral-withdrawn', version: 1, source: 'referrals', patientSubjectId: 'p-1' });
    expect(encodeIntegrationEvent(event).value).toContain('"reason":"duplicate"');
  });

  it('refuses data that breaks the contract, so it is never published', () => {
    expect(() =>
      createIntegrationEvent(
        ReferralWithdrawnV1Contract,
        { referralId: 'r-1', reason: 'because' as never, withdrawnAt: '2026-11-21T10:00:00Z' },
        { patientSubjectId: 'p-1', occurredAt: '2026-11-21T10:00:00Z', correlationId: 'c-1', causationId: null },
      ),
    ).toThrow(ContractViolationError);
  });
});

describe('deterministic ids', () => {
  it('computes RFC 9562 UUID v5 (the DNS-namespace example for www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same message id for the same domain event and position, and different ones otherwise', () => {
    const id = '0b0e2f7e-6d1c-4d8e-9a59-2a3c0a1b7c11';
    expect(deterministicMessageId(id, 0)).toBe(deterministicMessageId(id, 0));
    expect(deterministicMessageId(id, 0)).not.toBe(deterministicMessageId(id, 1));
    expect(deterministicEventId(id, 0)).not.toBe(deterministicMessageId(id, 0));
    expect(deterministicEventId(id, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
