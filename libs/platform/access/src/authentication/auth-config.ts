import path from 'node:path';
import { type Env, loadConfig } from '@stepwell/config';
import type { ClaimNames } from '../principal/vocabulary';
import { DEFAULT_CLAIM_NAMES } from '../principal/vocabulary';
import { algorithmProblem, authVariables, type AuthVariables, clockToleranceProblem } from './auth-variables';

/** Where the token-verification keys come from. */
export type VerificationKeySource =
  /** The provider's JWKS endpoint (production: the organisation's OpenID Connect provider). */
  | { kind: 'jwks'; url: string }
  /** One public key, PEM (SPKI) or a JWK as JSON. */
  | { kind: 'public-key'; key: string }
  /** The embedded issuer's public key under the data folder (local runs only). */
  | { kind: 'embedded'; dataDir: string };

export interface AuthConfig {
  keys: VerificationKeySource;
  issuer: string;
  audience: string;
  /** Only these JWS algorithms are accepted; `none` and symmetric algorithms never are. */
  algorithms: readonly string[];
  /** Seconds of clock skew tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** When set, the token's `acr` must be one of these. */
  requiredAcr: readonly string[];
  /** Token `typ` headers accepted (case-insensitive, `application/` optional); default `at+jwt` and `JWT`. */
  tokenTypes?: readonly string[];
  /** Oldest token accepted, by its `iat` (required); default 3600 s. */
  maxTokenAgeSeconds?: number;
  /** Every token must carry an `acr` claim (always so when NODE_ENV is production). */
  requireAcr?: boolean;
  claimNames: ClaimNames;
}

export const EMBEDDED_ISSUER = 'urn:stepwell:embedded-issuer';
export const DEFAULT_AUDIENCE = 'stepwell';

export class AuthConfigError extends Error {
  readonly code = 'AUTH_CONFIG_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/** `<repo>/.data` unless `STEPWELL_DATA_DIR` says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  // dist/authentication or src/authentication → the repository root is five levels up from here.
  return env['STEPWELL_DATA_DIR'] || path.resolve(__dirname, '../../../../../.data');
}

/**
 * Reads `AUTH_JWKS_URL` | `AUTH_PUBLIC_KEY`, `AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_ALGORITHMS`,
 * `AUTH_CLOCK_TOLERANCE_SECONDS`, `AUTH_REQUIRED_ACR`, `STEPWELL_DATA_DIR` (rules: `authVariables`). Throws
 * `ConfigError` naming every wrong variable. Services spread `authVariables()` into their own schema instead, so
 * that one start-up error names all their variables, and call `authConfigFrom(config)`.
 */
export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  return authConfigFrom(loadConfig(authVariables(), env));
}

/** The verification settings from validated variables. With neither key setting: the embedded issuer's key. */
export function authConfigFrom(config: AuthVariables): AuthConfig {
  let keys: VerificationKeySource;
  if (config.AUTH_JWKS_URL) keys = { kind: 'jwks', url: config.AUTH_JWKS_URL };
  else if (config.AUTH_PUBLIC_KEY) keys = { kind: 'public-key', key: config.AUTH_PUBLIC_KEY };
  else keys = { kind: 'embedded', dataDir: defaultDataDir({ STEPWELL_DATA_DIR: config.STEPWELL_DATA_DIR }) };

  const embedded = keys.kind === 'embedded';
  const issuer = config.AUTH_ISSUER ?? (embedded ? EMBEDDED_ISSUER : undefined);
  const audience = config.AUTH_AUDIENCE ?? (embedded ? DEFAULT_AUDIENCE : undefined);
  // The variables' rules already demand both for an external provider; this narrows the types.
  if (!issuer || !audience) throw new AuthConfigError('AUTH_ISSUER and AUTH_AUDIENCE must be set for an external provider');
  return validateAuthConfig({
    keys,
    issuer,
    audience,
    algorithms: config.AUTH_ALGORITHMS,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
    requiredAcr: config.AUTH_REQUIRED_ACR,
    tokenTypes: config.AUTH_TOKEN_TYPES,
    maxTokenAgeSeconds: config.AUTH_MAX_TOKEN_AGE_SECONDS,
    requireAcr: config.AUTH_REQUIRE_ACR,
    claimNames: { ...DEFAULT_CLAIM_NAMES },
  });
}

/** Refuses settings that would weaken verification (symmetric or `none` algorithms, a wide clock window). */
export function validateAuthConfig(config: AuthConfig): AuthConfig {
  const algorithms = algorithmProblem(config.algorithms);
  if (algorithms) throw new AuthConfigError(`Algorithms: ${algorithms}`);
  const tolerance = clockToleranceProblem(config.clockToleranceSeconds);
  if (tolerance) throw new AuthConfigError(`Clock tolerance: ${tolerance}`);
  return config;
}
