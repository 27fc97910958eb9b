import { randomUUID } from 'node:crypto';
import { ReferralReceivedV1Contract } from '@stepwell/contracts';
import type { ReferralReceivedV1 } from '@stepwell/contracts';
import type { EventStore, NewEvent, RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent } from '../../envelope/integration-event';
import type { IntegrationEvent } from '../../transport.port';

/** A private domain event of the referrals service, as its decider would emit it. */
export function referralReceivedDomainEvent(patientSubjectId: string, seq: number): NewEvent {
  const at = new Date(Date.UTC(2026, 10, 21, 9, 0, seq)).toISOString();
  return {
    id: randomUUID(),
    type: 'ReferralReceived',
    data: {
      referralId: randomUUID(),
      source: 'gp',
      urgency: 'routine',
      receivingOrganisationId: 'Y01234',
      referrerOrganisationId: 'B82005',
      receivedAt: at,
      // Private detail that must not leave the service.
      referrerNotes: 'free text',
    },
    metadata: {
      occurredAt: at,
      correlationId: `seq-${seq}`,
      causationId: null,
      actor: { userId: 'u-1', organisationId: 'Y01234', role: 'admin' },
      patientSubjectId,
      schemaVersion: 1,
    },
  };
}

/** The referrals relay mapping: `ReferralReceived` → `referrals.referral-received` v1, anything else → nothing. */
export function mapReferralEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'ReferralReceived') return [];
  const d = event.data as ReferralReceivedV1 & { referrerNotes?: string };
  return [
    createIntegrationEvent(
      ReferralReceivedV1Contract,
      {
        referralId: d.referralId,
        source: d.source,
        urgency: d.urgency,
        receivingOrganisationId: d.receivingOrganisationId,
        referrerOrganisationId: d.referrerOrganisationId,
        receivedAt: d.receivedAt,
      },
      {
        patientSubjectId: event.metadata.patientSubjectId ?? null,
        occurredAt: event.metadata.occurredAt,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      },
    ),
  ];
}

/** A category of its own for one test: the relay reads `$all`, and other tests' events must not count. */
export const freshCategory = (): string => `referral${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** Appends `count` referrals for each patient, one stream per referral, interleaving patients. */
export async function appendReferrals(
  store: EventStore,
  patients: readonly string[],
  count: number,
  category = 'referral',
): Promise<RecordedEvent[]> {
  for (let seq = 0; seq < count; seq++) {
    for (const patient of patients) {
      await store.appendToStream(`${category}-${randomUUID()}`, [referralReceivedDomainEvent(patient, seq)], {
        expectedRevision: 'no_stream',
      });
    }
  }
  return store.readAll();
}
