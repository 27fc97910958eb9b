import type { CareRelationshipEvent, CareRelationshipParticipant } from './care-relationship-event';

/**
 * The part of an integration event the relationship projection reads (structurally `IntegrationEvent` of
 * `@stepwell/messaging`), so that this library depends on no service's contracts: fields are read by name and a
 * field that is missing or not a string simply grants nothing.
 */
export interface RelationshipBearingMessage {
  messageId: string;
  type: string;
  version: number;
  patientSubjectId: string | null;
  occurredAt: string;
  data: unknown;
}

const field = (data: unknown, name: string): string | null => {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

type ParticipantRule = (data: unknown) => Array<CareRelationshipParticipant | null>;

const as = (
  reason: CareRelationshipParticipant['reason'],
  organisationId: string | null,
  scope?: string | null,
  ends = false,
): CareRelationshipParticipant | null =>
  organisationId === null || scope === null ? null : { organisationId, reason, ...(scope === undefined ? {} : { scope }), ...(ends ? { ends } : {}) };

const referral = (d: unknown): string | null => {
  const id = field(d, 'referralId');
  return id === null ? null : `referral:${id}`;
};
const episode = (d: unknown): string | null => {
  const id = field(d, 'episodeId');
  return id === null ? null : `episode:${id}`;
};

/**
 * Which organisations each relationship-bearing event (v1) brings into (or takes out of) the patient's care, and
 * for which referral or episode (`ACCESS_POLICY` in `policy/access-policy.ts` says what each kind may do). Producers
 * add their events here when they publish one that should grant access. A booking never creates a relationship
 * (issue 10): anyone can ask for an appointment, so it is no proof of care.
 */
const RULES: Readonly<Record<string, ParticipantRule>> = {
  'referrals.referral-received@v1': (d) => [
    as('referrer', field(d, 'referrerOrganisationId'), referral(d)),
    as('receiving-service', field(d, 'receivingOrganisationId'), referral(d)),
  ],
  // v2 (issue 12 item 9): an incomplete referral is the receiving organisation's and the referrer's at once too.
  'referrals.referral-received@v2': (d) => [
    as('referrer', field(d, 'referrerOrganisationId'), referral(d)),
    as('receiving-service', field(d, 'receivingOrganisationId'), referral(d)),
  ],
  'referrals.referral-accepted@v1': (d) => [as('step-provider', field(d, 'providingOrganisationId'), episode(d))],
  'referrals.episode-opened@v1': (d) => [as('step-provider', field(d, 'providingOrganisationId'), episode(d))],
  // Both ends of a move: the organisation handing over becomes a past provider, the new one the current provider.
  'referrals.episode-step-changed@v1': (d) => {
    const from = field(d, 'fromOrganisationId');
    const to = field(d, 'toOrganisationId');
    // A move within one organisation (step 2 → step 3 at the same service) ends nothing.
    return from === to ? [as('step-provider', to, episode(d))] : [as('step-provider', from, episode(d), true), as('step-provider', to, episode(d))];
  },
  'referrals.episode-discharged@v1': (d) => [as('step-provider', field(d, 'providingOrganisationId'), episode(d), true)],
  'referrals.referral-referred-on@v1': (d) => [as('receiving-service', field(d, 'destinationOrganisationId'), referral(d))],
  // No rule for `scheduling.appointment-booked`: a booking never creates a relationship by itself (issue 10);
  // scheduling books only into an episode the caller's organisation already provides.
};

/** The event types (`<type>@v<version>`) that bear relationships, for consumers that subscribe selectively. */
export const RELATIONSHIP_BEARING_EVENT_TYPES: readonly string[] = Object.keys(RULES);

/**
 * Maps an integration event to the care relationships it establishes, or null when it establishes none (another
 * event type, no patient, no organisation named).
 */
export function careRelationshipsFromIntegrationEvent(message: RelationshipBearingMessage): CareRelationshipEvent | null {
  const rule = RULES[`${message.type}@v${message.version}`];
  if (!rule || !message.patientSubjectId) return null;
  const participants = rule(message.data).filter((p): p is CareRelationshipParticipant => p !== null);
  if (participants.length === 0) return null;
  return {
    eventId: message.messageId,
    eventType: `${message.type}.v${message.version}`,
    patientSubjectId: message.patientSubjectId,
    occurredAt: message.occurredAt,
    participants,
  };
}
