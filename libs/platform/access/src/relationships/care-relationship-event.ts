/**
 * What a relationship-bearing integration event tells the access projection. Producers' consumers map their
 * contract to this shape (e.g. ReferralReceived → the referrer and the receiving service), so the access library
 * never depends on any service's contracts.
 */

/** Why an organisation takes part in a patient's care. */
export const CARE_RELATIONSHIP_REASONS = [
  /** Sent the referral (a GP practice, another professional's organisation). */
  'referrer',
  /** The service a referral was sent to. */
  'receiving-service',
  /** Provides the current step of the patient's care episode (after a step up/down or transfer). */
  'step-provider',
  /** Holds an appointment with the patient. */
  'appointment-organisation',
  /** Asked a specialist service for advice on this patient. */
  'consultation-requester',
  /** Gave that advice. */
  'consultation-responder',
  /** Voluntary-sector organisation the patient was socially prescribed to. */
  'social-prescription-organisation',
] as const;
export type CareRelationshipReason = (typeof CARE_RELATIONSHIP_REASONS)[number];

export interface CareRelationshipParticipant {
  /** ODS code. */
  organisationId: string;
  reason: CareRelationshipReason;
  /** `referral:<id>` or `episode:<id>` (see `referralScope`/`episodeScope`); absent = the whole patient (legacy). */
  scope?: string;
  /** True when the event ENDS this relationship (a provider hands over or discharges). */
  ends?: boolean;
  /**
   * The relationship rests on a self-referral whose identity nobody has verified yet (hazard H-A1): it reaches its own
   * referral or episode only (`unverified-self-referral` towards the rest of the person's care) until an event's
   * `verifiesIdentityOf` names its scope.
   */
  unverified?: true;
  /**
   * The relationship rests on the same person-to-record link as another scope (an episode on the referral that
   * opened it, a new provider on the episode it takes over): it is unverified while any row of that scope is.
   */
  identityOf?: string;
}

export interface CareRelationshipEvent {
  /** Message id of the integration event: recorded for provenance; re-applying it changes nothing. */
  eventId: string;
  /** Type of the source integration event, e.g. `referrals.referral-received.v1`. */
  eventType: string;
  patientSubjectId: string;
  /** When the relationship began in the world (ISO 8601), as the event says. */
  occurredAt: string;
  participants: readonly CareRelationshipParticipant[];
  /** Scopes (`referral:<id>`, `episode:<id>`) whose person's identity is now verified: every row of them counts in full. */
  verifiesIdentityOf?: readonly string[];
  /**
   * The person's consent to share with one organisation (`organisation:<ODS>`) or organisation type
   * (`organisation-type:<type>`) was given or withdrawn (issue 15 item 5): kept in `sharing_consent`, the latest by
   * `changedAt` wins; while withdrawn, the organisation's `SHARING_CONSENT_KINDS` are dropped.
   */
  sharingConsent?: SharingConsentChange;
}

/** One change of the person's consent to share with a party (see `CareRelationshipEvent.sharingConsent`). */
export interface SharingConsentChange {
  party: string;
  consented: boolean;
  /** ISO 8601. */
  changedAt: string;
}

/** The `sharing_consent` party of one organisation, and of an organisation type. */
export const organisationParty = (organisationId: string): string => `organisation:${organisationId}`;
export const organisationTypeParty = (organisationType: string): string => `organisation-type:${organisationType}`;

// The mapping from integration events lives beside the shape it produces (and is exported with it).
export {
  careRelationshipsFromIntegrationEvent,
  RELATIONSHIP_BEARING_EVENT_TYPES,
  type RelationshipBearingMessage,
} from './from-integration-events';
