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
}

// The mapping from integration events lives beside the shape it produces (and is exported with it).
export {
  careRelationshipsFromIntegrationEvent,
  RELATIONSHIP_BEARING_EVENT_TYPES,
  type RelationshipBearingMessage,
} from './from-integration-events';
