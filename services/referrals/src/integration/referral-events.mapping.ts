import { ReferralReceivedV1Contract, ReferralWithdrawnV1Contract } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import type { ReferralEvent, ReferralReceived, ReferralWithdrawn } from '../domain/referral.decider';

/** The stream category the relay reads: streams are `referral-<id>` (see `referralStreamId`). */
export const REFERRAL_CATEGORY = 'referral';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/**
 * Maps one of the referral decider's events to the integration events it publishes (v1 contracts). The relay
 * replaces message ids with ones derived from the domain event id. Anything else in the category publishes
 * nothing.
 */
export function mapReferralEvent(event: RecordedEvent): IntegrationEvent[] {
  const type = event.type as ReferralEvent['type'];
  switch (type) {
    case 'ReferralReceived':
      return [referralReceived(event, (event.data as ReferralReceived['data']))];
    case 'ReferralWithdrawn':
      return [referralWithdrawn(event, (event.data as ReferralWithdrawn['data']))];
    default:
      return [];
  }
}

function context(event: RecordedEvent): IntegrationEventContext {
  const { metadata } = event;
  return {
    patientSubjectId: metadata.patientSubjectId ?? null,
    occurredAt: metadata.occurredAt,
    correlationId: metadata.correlationId,
    // What caused the integration event is the domain event it was published from.
    causationId: event.id,
  };
}

function referralReceived(event: RecordedEvent, data: ReferralReceived['data']): IntegrationEvent {
  return createIntegrationEvent(
    ReferralReceivedV1Contract,
    {
      referralId: data.referralId,
      source: data.source,
      urgency: data.urgency,
      receivingOrganisationId: data.receivingOrganisation,
      referrerOrganisationId: referrerOrganisation(event, data),
      receivedAt: data.receivedAt,
      // `reason` stays private: it is the referrer's clinical text, and the contract carries codes and ids only.
    },
    context(event),
  );
}

function referralWithdrawn(event: RecordedEvent, data: ReferralWithdrawn['data']): IntegrationEvent {
  return createIntegrationEvent(
    ReferralWithdrawnV1Contract,
    { referralId: data.referralId, reason: data.reason, withdrawnAt: data.withdrawnAt },
    context(event),
  );
}

/**
 * The referral records no referring organisation of its own. It is known when a referrer sent the referral
 * themselves (the verified actor acted as `referrer` for their organisation); a self-referral has none, and a
 * referral keyed in by someone else (an admin of the receiving service) leaves it unknown: null.
 */
function referrerOrganisation(event: RecordedEvent, data: ReferralReceived['data']): string | null {
  if (data.source === 'self') return null;
  const actor = event.metadata.actor;
  return actor.role === 'referrer' && ODS_CODE.test(actor.organisationId) ? actor.organisationId : null;
}
