import type { Actor } from '@stepwell/event-store';
import type { Principal } from './principal';
import type { Role } from './vocabulary';

/**
 * Who acted, for event metadata: the verified principal and the role the action used — the first role of the
 * route's list (its order of preference) that the principal holds, so a GP clinician who is also a referrer making
 * a referral is recorded as the referrer. With no allowed list, the principal's first role.
 */
export function actorOf(principal: Principal, allowedRoles: readonly Role[] = []): Actor {
  const role = allowedRoles.length === 0 ? principal.roles[0] : allowedRoles.find((candidate) => principal.roles.includes(candidate));
  if (role === undefined) {
    // The roles guard refuses such a request before any handler runs; reaching here is a wiring mistake.
    throw new Error('The principal holds none of the roles this action allows');
  }
  return { userId: principal.userId, organisationId: principal.organisationId, role };
}
