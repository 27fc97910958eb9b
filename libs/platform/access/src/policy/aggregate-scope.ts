import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';

/**
 * Whose aggregate figures (waits, outcome rates) a caller may read: a provider its own, a commissioner any
 * provider's (commissioners hold the contracts the figures measure). The figures name no person, but one
 * provider's performance is not another provider's business, so every metrics route asks here rather than
 * each deciding for itself. `requested` defaults to the caller's own organisation.
 */
export function aggregateOrganisation(principal: Principal, requested?: string): string {
  const organisationId = requested ?? principal.organisationId;
  if (organisationId !== principal.organisationId && principal.organisationType !== 'commissioner') throw new NoLegitimateRelationshipError();
  return organisationId;
}
