import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, compactVerify, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

type KeyLike = Parameters<SignJWT['sign']>[0];

/** What the next ID token gets wrong, for the refusal tests. */
export interface IdTokenTamper {
  aud?: string;
  nonce?: string;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number;
  /** Signed by a key the JWKS does not hold. */
  foreignKey?: boolean;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  used: boolean;
}

/**
 * A small OpenID Connect provider for tests: discovery, authorize (consents at once, as the configured user),
 * token (client_secret_basic, one-use codes, PKCE S256), JWKS, and RP-initiated logout (`end_session_endpoint`,
 * OpenID Connect RP-Initiated Logout 1.0: `id_token_hint` verified as its own ID token for this client — expired
 * hints accepted, §2 — and `post_logout_redirect_uri` only when registered). Its key is made like the embedded issuer's: ES256
 * with the JWK thumbprint as `kid`. The access token carries the platform's claims, as the services read them.
 */
export class TestOidcProvider {
  issuer = '';
  claims: Record<string, unknown> = {};
  tamper: IdTokenTamper = {};
  readonly tokenRequests: Array<{ status: number }> = [];
  /** Post-logout redirect URIs registered for the client (RP-Initiated Logout 1.0 §3). */
  postLogoutRedirectUris: string[] = [];
  /** Whether discovery lists an `end_session_endpoint` (some providers have none). */
  offersEndSession = true;
  /** The provider's own sessions: subjects it issued tokens to and that have not logged out here. */
  readonly signedIn = new Set<string>();
  /** Each logout request: the subject its hint named (undefined when refused), and the status answered. */
  readonly logoutRequests: Array<{ sub: string | undefined; status: number }> = [];
  private server: Server | undefined;
  private key!: { privateKey: KeyLike; jwk: JWK; kid: string };
  private foreign!: KeyLike;
  private readonly grants = new Map<string, Grant>();

  constructor(readonly clientId: string, readonly clientSecret: string) {}

  async start(): Promise<void> {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(pair.publicKey);
    this.key = { privateKey: pair.privateKey as KeyLike, jwk: { ...jwk, alg: 'ES256', use: 'sig' }, kid: await calculateJwkThumbprint(jwk) };
    this.foreign = (await generateKeyPair('ES256')).privateKey as KeyLike;
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void this.handle(req.method ?? 'GET', new URL(req.url ?? '/', this.issuer), req.headers.authorization, body).then(({ status, headers, json }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(json === undefined ? '' : JSON.stringify(json));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(method: string, url: URL, authorization: string | undefined, body: string): Promise<{ status: number; headers?: Record<string, string>; json?: unknown }> {
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return {
          status: 200,
          json: {
            issuer: this.issuer,
            authorization_endpoint: `${this.issuer}/authorize`,
            token_endpoint: `${this.issuer}/token`,
            jwks_uri: `${this.issuer}/jwks`,
            ...(this.offersEndSession ? { end_session_endpoint: `${this.issuer}/logout` } : {}),
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
            id_token_signing_alg_values_supported: ['ES256'],
          },
        };
      case '/jwks':
        return { status: 200, json: { keys: [{ ...this.key.jwk, kid: this.key.kid }] } };
      case '/authorize': {
        const q = url.searchParams;
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || q.get('client_id') !== this.clientId) {
          return { status: 400, json: { error: 'invalid_request' } };
        }
        const code = randomBytes(16).toString('base64url');
        this.grants.set(code, { clientId: this.clientId, redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge') ?? '', nonce: q.get('nonce') ?? '', used: false });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        return { status: 302, headers: { location: back.toString() } };
      }
      case '/logout': {
        const answer = await this.logout(url.searchParams);
        this.logoutRequests.push({ sub: answer.sub, status: answer.status });
        return answer;
      }
      case '/token': {
        const answer = await this.token(method, authorization, new URLSearchParams(body));
        this.tokenRequests.push({ status: answer.status });
        return answer;
      }
      default:
        return { status: 404, json: { error: 'not_found' } };
    }
  }

  /** RP-Initiated Logout 1.0 §2–§3: ends the provider's session named by the hint, then back to a registered URI. */
  private async logout(q: URLSearchParams): Promise<{ status: number; sub?: string; headers?: Record<string, string>; json?: unknown }> {
    const hint = q.get('id_token_hint');
    if (!hint || !this.offersEndSession) return { status: 400, json: { error: 'invalid_request' } };
    let claims: Record<string, unknown>;
    try {
      // Signature only (an expired ID token is still a valid hint), then issuer and audience by hand.
      const { payload } = await compactVerify(hint, await this.publicKey());
      claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    } catch {
      return { status: 400, json: { error: 'invalid_request', error_description: 'id_token_hint' } };
    }
    const aud = Array.isArray(claims['aud']) ? (claims['aud'] as unknown[]) : [claims['aud']];
    if (claims['iss'] !== this.issuer || !aud.includes(this.clientId) || (q.has('client_id') && q.get('client_id') !== this.clientId)) {
      return { status: 400, json: { error: 'invalid_request', error_description: 'id_token_hint' } };
    }
    const back = q.get('post_logout_redirect_uri');
    if (back !== null && !this.postLogoutRedirectUris.includes(back)) return { status: 400, json: { error: 'invalid_request', error_description: 'post_logout_redirect_uri' } };
    const sub = String(claims['sub']);
    this.signedIn.delete(sub);
    if (back === null) return { status: 200, sub, json: { signedOut: true } };
    const target = new URL(back);
    if (q.get('state')) target.searchParams.set('state', q.get('state') as string);
    return { status: 302, sub, headers: { location: target.toString() } };
  }

  private publicKeyCache: KeyLike | undefined;
  private async publicKey(): Promise<KeyLike> {
    this.publicKeyCache ??= (await importJWK(this.key.jwk, 'ES256')) as KeyLike;
    return this.publicKeyCache;
  }

  private async token(method: string, authorization: string | undefined, form: URLSearchParams): Promise<{ status: number; json: unknown }> {
    const expectedAuth = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (method !== 'POST' || authorization !== expectedAuth) return { status: 401, json: { error: 'invalid_client' } };
    const grant = this.grants.get(form.get('code') ?? '');
    // RFC 6749 §4.1.2: a code is used once; RFC 7636 §4.6: the verifier must hash to the challenge.
    if (!grant || grant.used || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri) {
      if (grant) grant.used = true;
      return { status: 400, json: { error: 'invalid_grant' } };
    }
    grant.used = true;
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return { status: 400, json: { error: 'invalid_grant' } };
    const now = Math.floor(Date.now() / 1000);
    const sub = String(this.claims['sub'] ?? 'user-1');
    const idToken = await new SignJWT({ ...this.claims, nonce: this.tamper.nonce ?? grant.nonce })
      .setProtectedHeader({ alg: 'ES256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(sub)
      .setAudience(this.tamper.aud ?? grant.clientId)
      .setIssuedAt(now - (this.tamper.expiresIn !== undefined && this.tamper.expiresIn < 0 ? 3600 : 0))
      .setExpirationTime(now + (this.tamper.expiresIn ?? 300))
      .sign(this.tamper.foreignKey ? this.foreign : this.key.privateKey);
    const accessToken = await new SignJWT({ ...this.claims })
      .setProtectedHeader({ alg: 'ES256', kid: this.key.kid, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setSubject(sub)
      .setAudience('stepwell')
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .sign(this.key.privateKey);
    this.signedIn.add(sub);
    return { status: 200, json: { token_type: 'Bearer', access_token: accessToken, id_token: idToken, expires_in: 900 } };
  }
}
