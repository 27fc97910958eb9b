import type { ClaimNames, OrganisationType, Role } from './vocabulary';
import { DEFAULT_CLAIM_NAMES, isOrganisationType, isRole } from './vocabulary';

/** The authenticated user behind a request, as this platform understands them. */
export interface Principal {
  userId: string;
  displayName: string;
  /** ODS code of the organisation the user acts for. */
  organisationId: string;
  organisationType: OrganisationType;
  roles: readonly Role[];
  /** Assurance level of the login, when the provider states one. */
  acr?: string;
}

/** Claims that do not describe a principal this platform can authorise: the token is rejected. */
export class InvalidPrincipalClaimsError extends Error {
  readonly code = 'INVALID_PRINCIPAL_CLAIMS' as const;

  constructor(readonly claim: string) {
    super(`Token claim "${claim}" is missing or has a value this platform does not know`);
    this.name = 'InvalidPrincipalClaimsError';
  }
}

function requiredString(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidPrincipalClaimsError(name);
  return value;
}

/**
 * Builds the principal from verified claims. Unknown roles are dropped (providers add their own), but an unknown
 * organisation type is rejected: every visibility rule keys on it, so guessing would show too much or too little.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  names: ClaimNames = DEFAULT_CLAIM_NAMES,
): Principal {
  const userId = requiredString(claims, names.userId);
  const organisationId = requiredString(claims, names.organisationId);
  const organisationType = claims[names.organisationType];
  if (!isOrganisationType(organisationType)) throw new InvalidPrincipalClaimsError(names.organisationType);
  const rawRoles = claims[names.roles];
  const roleList: unknown[] = Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? [rawRoles] : [];
  const roles = [...new Set(roleList.filter(isRole))];
  const displayName = typeof claims[names.displayName] === 'string' ? (claims[names.displayName] as string) : userId;
  const acr = claims[names.acr];
  return {
    userId,
    displayName,
    organisationId,
    organisationType,
    roles,
    ...(typeof acr === 'string' ? { acr } : {}),
  };
}
