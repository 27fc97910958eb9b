import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthenticationFailure } from '../errors';
import { AuthKeysUnavailableError, UnauthenticatedError } from '../errors';
import { publicKeyPath } from '../embedded-issuer/key-files';
import type { Principal } from '../principal/principal';
import { InvalidPrincipalClaimsError, principalFromClaims } from '../principal/principal';
import type { AuthConfig } from './auth-config';
import { DEFAULT_MAX_TOKEN_AGE_SECONDS, DEFAULT_TOKEN_TYPES } from './auth-variables';

// Three base64url segments; the signature may be empty only for `alg: none`, which verification then refuses.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

type KeyInput = KeyObject | JWTVerifyGetKey;

/** Verifies bearer tokens and turns their claims into a principal; every refusal is an `UnauthenticatedError`. */
export class TokenVerifier {
  private key: Promise<KeyInput> | undefined;

  constructor(private readonly config: AuthConfig) {}

  async verifyAuthorizationHeader(header: string | undefined): Promise<Principal> {
    if (header === undefined || header.trim() === '') throw new UnauthenticatedError('missing');
    const match = BEARER.exec(header.trim());
    if (!match?.[1]) throw new UnauthenticatedError('malformed');
    return this.verifyToken(match[1]);
  }

  async verifyToken(token: string): Promise<Principal> {
    const key = await this.resolveKey();
    let payload: JWTPayload;
    let typ: string | undefined;
    try {
      let protectedHeader: { typ?: string };
      ({ payload, protectedHeader } = await jwtVerify(token, key as KeyObject, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [...this.config.algorithms],
        clockTolerance: this.config.clockToleranceSeconds,
        // A token older than the maximum age is refused even before it expires: `iat` is required.
        maxTokenAge: this.config.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS,
        requiredClaims: ['exp', 'iat', this.config.claimNames.userId],
      }));
      typ = protectedHeader.typ;
    } catch (error) {
      throw this.refusal(error);
    }
    // Only access tokens: an ID token or any other JWT signed by the same provider is not a credential here.
    const normalise = (type: string) => type.trim().toLowerCase().replace(/^application\//, '');
    const accepted = (this.config.tokenTypes ?? DEFAULT_TOKEN_TYPES).map(normalise);
    if (typ === undefined || !accepted.includes(normalise(typ))) throw new UnauthenticatedError('wrong_token_type');
    let principal: Principal;
    try {
      principal = principalFromClaims(payload as Record<string, unknown>, this.config.claimNames);
    } catch (error) {
      if (error instanceof InvalidPrincipalClaimsError) throw new UnauthenticatedError('invalid_claims');
      throw error;
    }
    if (this.config.requireAcr && principal.acr === undefined) throw new UnauthenticatedError('insufficient_acr', this.config.requiredAcr);
    const required = this.config.requiredAcr;
    if (required.length > 0 && (principal.acr === undefined || !required.includes(principal.acr))) {
      throw new UnauthenticatedError('insufficient_acr', required);
    }
    return principal;
  }

  private refusal(error: unknown): Error {
    const failure = failureOf(error, this.config.keys.kind === 'jwks');
    if (failure === 'keys_unavailable') return new AuthKeysUnavailableError({ cause: error });
    return new UnauthenticatedError(failure);
  }

  private resolveKey(): Promise<KeyInput> {
    // A failed load is not cached: the embedded key may appear once the issuer has started.
    this.key ??= loadKey(this.config).catch((error: unknown) => {
      this.key = undefined;
      throw new AuthKeysUnavailableError({ cause: error });
    });
    return this.key;
  }
}

async function loadKey(config: AuthConfig): Promise<KeyInput> {
  const source = config.keys;
  switch (source.kind) {
    case 'jwks':
      return createRemoteJWKSet(new URL(source.url));
    case 'public-key':
      return parsePublicKey(source.key);
    case 'embedded':
      return parsePublicKey(await readFile(publicKeyPath(source.dataDir), 'utf8'));
    default: {
      const never: never = source;
      throw new Error(`Unknown key source ${JSON.stringify(never)}`);
    }
  }
}

/** A PEM (SPKI) public key or a public JWK as JSON. A private key is refused: services must never hold one. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('{')
    ? createPublicKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
    : createPublicKey(trimmed);
  if (key.type !== 'public') throw new Error('A public key is required');
  return key;
}

function failureOf(error: unknown, remoteKeys: boolean): AuthenticationFailure | 'keys_unavailable' {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return 'not_yet_valid';
      case 'iss':
        return 'wrong_issuer';
      case 'aud':
        return 'wrong_audience';
      default:
        return 'invalid_claims';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm_not_allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys_unavailable';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  // jose refuses a key that does not fit the token's algorithm with a TypeError: the token was not signed by us.
  if (error instanceof TypeError && /key/i.test(error.message)) return 'bad_signature';
  // A failing JWKS fetch surfaces as a plain error from fetch: an outage on our side, not the caller's fault.
  if (remoteKeys && !(error instanceof errors.JOSEError)) return 'keys_unavailable';
  return 'malformed';
}
