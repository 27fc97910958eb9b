import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OidcSettings } from '../config';

/** The provider's metadata this client uses (OpenID Connect Discovery 1.0 §3). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  userinfo_endpoint?: string;
  code_challenge_methods_supported?: string[];
}

/** Why a sign-in was refused; the words are for the log and the problem, never a token or a claim's value. */
export class SignInRefused extends Error {
  /** `noAccess`: the sign-in was genuine but the person has no access to Stepwell in this role (403, not 401). */
  constructor(readonly reason: string, readonly noAccess = false) {
    super(`Sign-in refused: ${reason}`);
    this.name = 'SignInRefused';
  }
}

/** A sign-in in flight: what the callback must see again. Kept on the server, keyed by a cookie. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  createdAt: number;
}

/**
 * Sign-ins in flight (`state`, `nonce`, PKCE verifier between the login and the callback), each usable once: a
 * replayed callback finds nothing. In PostgreSQL beside the sessions (PostgresSessionStore), so the callback may
 * land on another BFF instance than the login.
 */
export abstract class PendingSignIns {
  /** Keeps the sign-in; answers the id for the browser's cookie. */
  abstract add(signIn: PendingSignIn): Promise<string>;
  /** The sign-in, removed whatever follows; undefined when unknown, already taken or older than ten minutes. */
  abstract take(id: string | undefined): Promise<PendingSignIn | undefined>;
}

/** How long a sign-in may take between the login and the callback. */
export const PENDING_SECONDS = 600;

/** ID token signature algorithms accepted (never `none`, never HMAC with the client secret). */
const ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 30;
const HTTP_TIMEOUT_MS = 10_000;

const random = () => randomBytes(32).toString('base64url');

/** RFC 7636 §4.2: S256 code challenge of a verifier. */
export function codeChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * OpenID Connect relying party: authorisation code flow with PKCE (S256), `state` against CSRF on the callback and
 * `nonce` against ID token replay (OpenID Connect Core 1.0 §3.1; RFC 7636; RFC 9700 §2.1.1). Built on `jose` (already
 * the platform's JWT library) and `fetch`; no other dependency.
 */
export class OidcClient {
  private metadata: Promise<ProviderMetadata> | undefined;
  private jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** Discovery, cached after the first success (a failure is retried on the next sign-in). */
  discover(): Promise<ProviderMetadata> {
    this.metadata ??= this.fetchMetadata().catch((error: unknown) => {
      this.metadata = undefined;
      throw error;
    });
    return this.metadata;
  }

  private async fetchMetadata(): Promise<ProviderMetadata> {
    const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const metadata = (await response.json()) as Partial<ProviderMetadata>;
    // Discovery §4.3: the issuer in the document must be exactly the one configured.
    if (metadata.issuer !== this.settings.issuer) throw new Error('discovery issuer does not match OIDC_ISSUER');
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof metadata[field] !== 'string') throw new Error(`discovery has no ${field}`);
    }
    if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes('S256')) {
      throw new Error('the provider does not support PKCE S256');
    }
    return metadata as ProviderMetadata;
  }

  /** A new sign-in: where to send the browser, and what to keep until the callback. */
  async start(now: number): Promise<{ url: string; pending: PendingSignIn }> {
    const metadata = await this.discover();
    const pending: PendingSignIn = { state: random(), nonce: random(), codeVerifier: random(), createdAt: now };
    const url = new URL(metadata.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('redirect_uri', this.settings.redirectUrl);
    url.searchParams.set('scope', this.settings.scopes);
    url.searchParams.set('state', pending.state);
    url.searchParams.set('nonce', pending.nonce);
    url.searchParams.set('code_challenge', codeChallengeOf(pending.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.toString(), pending };
  }

  /**
   * The callback: exchanges the code (with the PKCE verifier) and validates the ID token. Returns the access token
   * (what the services receive) and the ID token's claims. Throws SignInRefused on anything wrong.
   */
  async finish(code: string, pending: PendingSignIn): Promise<{ accessToken: string; idToken: string; expiresIn: number | undefined; claims: JWTPayload }> {
    const metadata = await this.discover();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.settings.redirectUrl, code_verifier: pending.codeVerifier });
    const basic = Buffer.from(`${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`).toString('base64');
    let answer: Response;
    try {
      answer = await fetch(metadata.token_endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
    } catch {
      throw new SignInRefused('token endpoint unreachable');
    }
    if (!answer.ok) throw new SignInRefused(`token endpoint refused the code (${answer.status})`);
    const tokens = (await answer.json().catch(() => ({}))) as { id_token?: unknown; access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof tokens.id_token !== 'string' || typeof tokens.access_token !== 'string') throw new SignInRefused('token response without id_token and access_token');
    if (typeof tokens.token_type !== 'string' || tokens.token_type.toLowerCase() !== 'bearer') throw new SignInRefused('token type is not Bearer');
    let claims = await this.validateIdToken(tokens.id_token, pending, metadata);
    // CIS2 returns its RBAC claims (nhsid_nrbac_roles, selected_roleid) from UserInfo, not in the ID token.
    if (this.settings.claims === 'cis2' && metadata.userinfo_endpoint) claims = { ...(await this.userInfo(metadata.userinfo_endpoint, tokens.access_token, claims)), ...claims };
    return { accessToken: tokens.access_token, idToken: tokens.id_token, expiresIn: typeof tokens.expires_in === 'number' ? tokens.expires_in : undefined, claims };
  }

  /**
   * OpenID Connect RP-Initiated Logout 1.0 §2: where to send the browser so that the provider ends its own session
   * too — the discovered `end_session_endpoint` with `id_token_hint` (the session's ID token: which session, issued
   * to this client), `client_id`, and `post_logout_redirect_uri` when one is registered. Undefined when the provider
   * offers no such endpoint (or discovery fails): then only the BFF's session ends.
   */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    if (!idToken) return undefined;
    const metadata = await this.discover().catch(() => undefined);
    if (typeof metadata?.end_session_endpoint !== 'string') return undefined;
    const url = new URL(metadata.end_session_endpoint);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('client_id', this.settings.clientId);
    if (this.settings.postLogoutRedirectUrl) url.searchParams.set('post_logout_redirect_uri', this.settings.postLogoutRedirectUrl);
    return url.toString();
  }

  /** OpenID Connect Core 1.0 §3.1.3.7: signature (provider's JWKS), iss, aud, azp, exp, iat, nonce. */
  private async validateIdToken(idToken: string, pending: PendingSignIn, metadata: ProviderMetadata): Promise<JWTPayload> {
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        algorithms: ID_TOKEN_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      }));
    } catch (error) {
      throw new SignInRefused(`ID token invalid (${error instanceof Error && 'code' in error ? String(error.code) : 'unverifiable'})`);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.length > 1 && payload['azp'] !== this.settings.clientId) throw new SignInRefused('ID token azp is not this client');
    if (payload['nonce'] !== pending.nonce) throw new SignInRefused('ID token nonce does not match this sign-in');
    return payload;
  }

  /** OpenID Connect Core 1.0 §5.3.2: the UserInfo `sub` must be the ID token's, else the answer is not used. */
  private async userInfo(endpoint: string, accessToken: string, idClaims: JWTPayload): Promise<Record<string, unknown>> {
    const answer = await fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }).catch(() => undefined);
    if (!answer?.ok) throw new SignInRefused('UserInfo unavailable');
    const info = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
    if (info['sub'] !== idClaims.sub) throw new SignInRefused('UserInfo sub differs from the ID token');
    return info;
  }
}
