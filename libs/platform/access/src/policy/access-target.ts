import type { ModuleRef } from '@nestjs/core';
import { PatientNotIdentifiedError } from '../errors';

/**
 * What a service tells the access policy about the record a route touches. The service resolves it from its own
 * state (its event streams or read models) before anything else is read, so the decision precedes the handler,
 * the ETag and any list total.
 */
export interface AccessTarget {
  /** `record`: a record a service holds for one organisation (an appointment, a follow-up task, a refill offer). */
  type: 'referral' | 'episode' | 'patient' | 'record';
  id: string;
  patientSubjectId: string;
  /** The referral (for an episode: the referral that opened it). */
  referralId: string | null;
  /** The episode (for a referral: the episode its acceptance opened). */
  episodeId: string | null;
  /** The referral still awaits triage. */
  awaitingTriage: boolean;
  consentToShare: boolean;
  /**
   * The organisation the service's own record names as holding the target (an episode's current provider in the
   * service's episode read model; an appointment's organisation): that organisation is its `record-holder`.
   * `null`: known to hold no one yet; absent: the service does not keep holders (referrals).
   */
  holderOrganisationId?: string | null;
  /**
   * The organisation the record is addressed to for its part, while it is (a social prescription's community
   * organisation, asked to accept or having accepted): that organisation is its `social-prescription-recipient`.
   */
  recipientOrganisationId?: string | null;
}

/**
 * A service's resolver: `null` for an unknown id; `notFound` is the service's own 404, used for strangers too. It
 * runs before the route's validation pipe, so it throws the service's own 400 for a malformed id (`param` names it).
 * `resource` is the route's `resource` (`appointment`, `risk-alert`, …): which of the service's records a `record` id names.
 */
export interface AccessTargetResolver {
  resolve(type: AccessTarget['type'], id: string, param?: string, resource?: string): Promise<AccessTarget | null>;
  notFound(type: AccessTarget['type'], id: string, resource?: string): Error;
}

/** Nest token under which a service provides its `AccessTargetResolver`. */
export const ACCESS_TARGET_RESOLVER = Symbol('stepwell:access:target-resolver');

/**
 * The service's resolver (provided in its own module under `ACCESS_TARGET_RESOLVER`); a service using
 * `@PatientAccess` without one is a programming error (`PatientNotIdentifiedError`, a 500).
 */
export function accessTargetResolverOf(modules: ModuleRef): AccessTargetResolver {
  try {
    return modules.get<AccessTargetResolver>(ACCESS_TARGET_RESOLVER, { strict: false });
  } catch {
    throw new PatientNotIdentifiedError();
  }
}

/** Relationship scopes: a relationship row names the referral or episode it is about (`''` = legacy, whole patient). */
export const referralScope = (referralId: string): string => `referral:${referralId}`;
export const episodeScope = (episodeId: string): string => `episode:${episodeId}`;
