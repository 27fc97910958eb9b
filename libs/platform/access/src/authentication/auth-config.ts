import path from 'node:path';
import type { ClaimNames } from '../principal/vocabulary';
import { DEFAULT_CLAIM_NAMES } from '../principal/vocabulary';

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
  claimNames: ClaimNames;
}

export const EMBEDDED_ISSUER = 'urn:stepwell:embedded-issuer';
export const DEFAULT_AUDIENCE = 'stepwell';
export const DEFAULT_ALGORITHMS: readonly string[] = ['ES256', 'RS256'];
const ASYMMETRIC_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);

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
  return env['STEPWELL_DATA_DIR'] ?? path.resolve(__dirname, '../../../../../.data');
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Reads `AUTH_JWKS_URL` | `AUTH_PUBLIC_KEY`, `AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_ALGORITHMS`,
 * `AUTH_CLOCK_TOLERANCE_SECONDS`, `AUTH_REQUIRED_ACR`. With neither key setting, outside production, tokens are
 * verified against the embedded issuer's key; in production that is a configuration error.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const jwksUrl = env['AUTH_JWKS_URL'];
  const publicKey = env['AUTH_PUBLIC_KEY'];
  let keys: VerificationKeySource;
  if (jwksUrl) keys = { kind: 'jwks', url: jwksUrl };
  else if (publicKey) keys = { kind: 'public-key', key: publicKey };
  else if (env['NODE_ENV'] === 'production') {
    throw new AuthConfigError('In production AUTH_JWKS_URL or AUTH_PUBLIC_KEY must be set');
  } else keys = { kind: 'embedded', dataDir: defaultDataDir(env) };

  const embedded = keys.kind === 'embedded';
  const issuer = env['AUTH_ISSUER'] ?? (embedded ? EMBEDDED_ISSUER : undefined);
  const audience = env['AUTH_AUDIENCE'] ?? (embedded ? DEFAULT_AUDIENCE : undefined);
  if (!issuer) throw new AuthConfigError('AUTH_ISSUER must be set when verifying an external provider’s tokens');
  if (!audience) throw new AuthConfigError('AUTH_AUDIENCE must be set when verifying an external provider’s tokens');
  const algorithms = env['AUTH_ALGORITHMS'] ? list(env['AUTH_ALGORITHMS']) : [...DEFAULT_ALGORITHMS];
  const tolerance = Number(env['AUTH_CLOCK_TOLERANCE_SECONDS'] ?? '30');
  return validateAuthConfig({
    keys,
    issuer,
    audience,
    algorithms,
    clockToleranceSeconds: tolerance,
    requiredAcr: list(env['AUTH_REQUIRED_ACR']),
    claimNames: { ...DEFAULT_CLAIM_NAMES },
  });
}

/** Refuses settings that would weaken verification (symmetric or `none` algorithms, a wide clock window). */
export function validateAuthConfig(config: AuthConfig): AuthConfig {
  if (config.algorithms.length === 0) throw new AuthConfigError('At least one algorithm must be allowed');
  for (const alg of config.algorithms) {
    if (!ASYMMETRIC_ALGORITHMS.has(alg)) throw new AuthConfigError(`Algorithm ${alg} is not allowed for tokens`);
  }
  if (!Number.isFinite(config.clockToleranceSeconds) || config.clockToleranceSeconds < 0 || config.clockToleranceSeconds > 300) {
    throw new AuthConfigError('Clock tolerance must be between 0 and 300 seconds');
  }
  return config;
}
