import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '../transport.port';

/** A valid referral-received v1 event for a patient, numbered so that tests can check order. */
export function referralReceived(patientSubjectId: string, seq: number, overrides: Partial<IntegrationEvent> = {}): IntegrationEvent {
  const referralId = randomUUID();
  return {
    messageId: randomUUID(),
    type: 'referrals.referral-received',
    version: 1,
    source: 'referrals',
    patientSubjectId,
    occurredAt: new Date(Date.UTC(2026, 10, 21, 9, 0, seq)).toISOString(),
    correlationId: `seq-${seq}`,
    causationId: null,
    data: {
      referralId,
      source: 'gp',
      urgency: 'routine',
      receivingOrganisationId: 'Y01234',
      referrerOrganisationId: 'B82005',
      receivedAt: new Date(Date.UTC(2026, 10, 21, 9, 0, seq)).toISOString(),
    },
    ...overrides,
  };
}

/** The sequence number a fixture event carries in its correlation id. */
export const seqOf = (event: IntegrationEvent): number => Number(event.correlationId.slice('seq-'.length));
