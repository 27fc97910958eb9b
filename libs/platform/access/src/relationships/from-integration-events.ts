import { organisationParty, organisationTypeParty, type CareRelationshipEvent, type CareRelationshipParticipant, type SharingConsentChange } from './care-relationship-event';

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

/** What an event does to the verification of the person's identity: the scopes it verifies (hazard H-A1). */
type VerificationRule = (data: unknown) => string[];

const as = (
  reason: CareRelationshipParticipant['reason'],
  organisationId: string | null,
  scope?: string | null,
  ends = false,
): CareRelationshipParticipant | null =>
  organisationId === null || scope === null ? null : { organisationId, reason, ...(scope === undefined ? {} : { scope }), ...(ends ? { ends } : {}) };

/** The participant's relationship rests on `scope`'s identity (`CareRelationshipParticipant.identityOf`). */
const restingOn = (participant: CareRelationshipParticipant | null, scope: string | null): CareRelationshipParticipant | null =>
  participant === null || scope === null ? participant : { ...participant, identityOf: scope };

const referral = (d: unknown): string | null => {
  const id = field(d, 'referralId');
  return id === null ? null : `referral:${id}`;
};
const episode = (d: unknown): string | null => {
  const id = field(d, 'episodeId');
  return id === null ? null : `episode:${id}`;
};

/**
 * The referrer and the receiving organisation of a received referral (whole, v1, or incomplete, v2). A self-referral
 * names whoever it likes: its person is unverified until the receiving organisation verifies them
 * (`referrals.patient-identity-verified`), so nothing resting on it reaches the person's other care (H-A1).
 */
const receivedParticipants = (d: unknown): (CareRelationshipParticipant | null)[] => {
  const receiving = as('receiving-service', field(d, 'receivingOrganisationId'), referral(d));
  return [
    as('referrer', field(d, 'referrerOrganisationId'), referral(d)),
    receiving && field(d, 'source') === 'self' ? { ...receiving, unverified: true } : receiving,
  ];
};

/**
 * Which organisations each relationship-bearing event (v1) brings into (or takes out of) the patient's care, and
 * for which referral or episode (`ACCESS_POLICY` in `policy/access-policy.ts` says what each kind may do). Producers
 * add their events here when they publish one that should grant access. A booking never creates a relationship
 * (issue 10): anyone can ask for an appointment, so it is no proof of care.
 */
const RULES: Readonly<Record<string, ParticipantRule>> = {
  'referrals.referral-received@v1': (d) => receivedParticipants(d),
  // v2 (issue 12 item 9): an incomplete referral is the receiving organisation's and the referrer's at once too.
  'referrals.referral-received@v2': (d) => receivedParticipants(d),
  // The episode rests on the referral that opened it: unverified while that referral is.
  'referrals.referral-accepted@v1': (d) => [restingOn(as('step-provider', field(d, 'providingOrganisationId'), episode(d)), referral(d))],
  'referrals.episode-opened@v1': (d) => [restingOn(as('step-provider', field(d, 'providingOrganisationId'), episode(d)), referral(d))],
  // Both ends of a move: the organisation handing over becomes a past provider, the new one the current provider
  // (resting on the episode's identity as it stands).
  'referrals.episode-step-changed@v1': (d) => {
    const from = field(d, 'fromOrganisationId');
    const to = field(d, 'toOrganisationId');
    const taker = restingOn(as('step-provider', to, episode(d)), episode(d));
    // A move within one organisation (step 2 → step 3 at the same service) ends nothing.
    return from === to ? [taker] : [as('step-provider', from, episode(d), true), taker];
  },
  'referrals.episode-discharged@v1': (d) => [as('step-provider', field(d, 'providingOrganisationId'), episode(d), true)],
  'referrals.referral-referred-on@v1': (d) => [restingOn(as('receiving-service', field(d, 'destinationOrganisationId'), referral(d)), referral(d))],
  // No rule for `scheduling.appointment-booked`: a booking never creates a relationship by itself (issue 10);
  // scheduling books only into an episode the caller's organisation already provides.
};

/** Events that verify the person's identity behind a referral (and the episode it opened). */
const VERIFICATIONS: Readonly<Record<string, VerificationRule>> = {
  'referrals.patient-identity-verified@v1': (d) => [referral(d), episode(d)].filter((scope): scope is string => scope !== null),
};

/** What an event says about the person's consent to share with an organisation or type (issue 15 item 5). */
type SharingConsentRule = (data: unknown) => SharingConsentChange | null;

/**
 * Events that give or withdraw the person's consent to share with one organisation or organisation type: a
 * withdrawal drops the organisation's `SHARING_CONSENT_KINDS` (`policy/access-policy.ts`) in every service that
 * keeps this projection, a consent given lifts it. It never creates a relationship.
 */
const SHARING_CONSENTS: Readonly<Record<string, SharingConsentRule>> = {
  'referrals.sharing-consent-changed@v1': (d) => {
    const organisationId = field(d, 'organisationId');
    const organisationType = field(d, 'organisationType');
    const changedAt = field(d, 'changedAt');
    const consented = typeof d === 'object' && d !== null ? (d as Record<string, unknown>)['consented'] : undefined;
    if (changedAt === null || typeof consented !== 'boolean' || (organisationId === null) === (organisationType === null)) return null;
    return { party: organisationId !== null ? organisationParty(organisationId) : organisationTypeParty(organisationType as string), consented, changedAt };
  },
};

/** The event types (`<type>@v<version>`) that bear relationships, for consumers that subscribe selectively. */
export const RELATIONSHIP_BEARING_EVENT_TYPES: readonly string[] = [...Object.keys(RULES), ...Object.keys(VERIFICATIONS), ...Object.keys(SHARING_CONSENTS)];

/**
 * Maps an integration event to the care relationships it establishes, or null when it establishes none (another
 * event type, no patient, no organisation named).
 */
export function careRelationshipsFromIntegrationEvent(message: RelationshipBearingMessage): CareRelationshipEvent | null {
  const key = `${message.type}@v${message.version}`;
  const rule = RULES[key];
  const verification = VERIFICATIONS[key];
  const sharing = SHARING_CONSENTS[key];
  if ((!rule && !verification && !sharing) || !message.patientSubjectId) return null;
  const participants = rule ? rule(message.data).filter((p): p is CareRelationshipParticipant => p !== null) : [];
  const verifiesIdentityOf = verification ? verification(message.data) : [];
  const sharingConsent = sharing ? sharing(message.data) : null;
  if (participants.length === 0 && verifiesIdentityOf.length === 0 && sharingConsent === null) return null;
  return {
    eventId: message.messageId,
    eventType: `${message.type}.v${message.version}`,
    patientSubjectId: message.patientSubjectId,
    occurredAt: message.occurredAt,
    participants,
    ...(verifiesIdentityOf.length > 0 ? { verifiesIdentityOf } : {}),
    ...(sharingConsent ? { sharingConsent } : {}),
  };
}
