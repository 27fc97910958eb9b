import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, EMBEDDED_ISSUER } from '../authentication/auth-config';
import { DEFAULT_CLAIM_NAMES, isOrganisationType, isRole, type OrganisationType, type Role } from '../principal/vocabulary';
import type { SigningKey } from './signing-key';
import { assertNotProduction } from './production-guard';

export interface TokenRequest {
  user: string;
  name?: string;
  /** ODS code. */
  org: string;
  orgType: OrganisationType;
  roles: readonly Role[];
  /** Lifetime: seconds, or a jose time span such as `1h`, `30m`. Default `1h`. */
  ttl?: string | number;
  acr?: string;
}

export interface SigningOptions {
  key: SigningKey;
  issuer?: string;
  audience?: string;
}

export class InvalidTokenRequestError extends Error {
  readonly code = 'INVALID_TOKEN_REQUEST' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenRequestError';
  }
}

/** Signs a token with the claims the platform reads (see DEFAULT_CLAIM_NAMES). */
export async function signToken(request: TokenRequest, options: SigningOptions): Promise<string> {
  assertNotProduction();
  if (!request.user) throw new InvalidTokenRequestError('user is required');
  if (!request.org) throw new InvalidTokenRequestError('org is required');
  if (!isOrganisationType(request.orgType)) throw new InvalidTokenRequestError(`unknown organisation type ${String(request.orgType)}`);
  const unknownRole = request.roles.find((role) => !isRole(role));
  if (unknownRole !== undefined) throw new InvalidTokenRequestError(`unknown role ${String(unknownRole)}`);
  const names = DEFAULT_CLAIM_NAMES;
  const ttl = request.ttl ?? '1h';
  const claims: Record<string, unknown> = {
    [names.displayName]: request.name ?? request.user,
    [names.organisationId]: request.org,
    [names.organisationType]: request.orgType,
    [names.roles]: [...request.roles],
    ...(request.acr ? { [names.acr]: request.acr } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.key.alg, kid: options.key.kid, typ: 'JWT' })
    .setSubject(request.user)
    .setIssuer(options.issuer ?? EMBEDDED_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof ttl === 'number' ? Math.floor(Date.now() / 1000) + ttl : ttl)
    .sign(options.key.privateKey);
}
