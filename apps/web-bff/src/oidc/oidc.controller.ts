import { randomBytes } from 'node:crypto';
import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from '../http-types';
import type { BffConfig, OidcSettings } from '../config';
import { sendProblem } from '../problem';
import { cookieOf, SessionStore, startSession } from '../session-store';
import { BFF_CONFIG } from '../tokens';
import { sessionUserFromClaims } from './claims';
import { OidcClient, type PendingSignIn, SignInRefused } from './oidc-client';

export const OIDC_CLIENT = Symbol('OIDC_CLIENT');
/** Binds the browser to its sign-in in flight. Lax: the provider's redirect back is a cross-site navigation. */
const PENDING_COOKIE = 'stepwell_oidc';
const PENDING_SECONDS = 600;
/** Unauthenticated callers can start sign-ins: bound the memory they can take. */
const MAX_PENDING = 10_000;

/** Sign-ins in flight, each usable once (a replayed callback finds nothing). */
export class PendingSignIns {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number = Date.now) {}

  add(signIn: PendingSignIn): string {
    for (const [id, entry] of this.pending) if (entry.createdAt + PENDING_SECONDS * 1000 <= this.now()) this.pending.delete(id);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    this.pending.set(id, signIn);
    return id;
  }

  take(id: string | undefined): PendingSignIn | undefined {
    if (!id) return undefined;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && entry.createdAt + PENDING_SECONDS * 1000 > this.now() ? entry : undefined;
  }
}

/**
 * OpenID Connect sign-in (authorisation code + PKCE) against the organisation's provider. Part of the BFF only when
 * OIDC_ISSUER is set. `GET /session/oidc/login` sends the browser to the provider; the provider sends it back to
 * `GET /session/oidc/callback`, where the code is exchanged and the ID token validated; only then is a session made.
 */
@Controller('session/oidc')
export class OidcController {
  private readonly settings: OidcSettings;
  /** Refusal reasons only: never a token, a code or a claim's value. */
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    private readonly sessions: SessionStore,
    private readonly pending: PendingSignIns,
    @Inject(OIDC_CLIENT) private readonly client: OidcClient,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
  ) {
    this.settings = config.oidc as OidcSettings;
  }

  private pendingCookie(value: string, maxAge: number): string {
    return `${PENDING_COOKIE}=${value}; Path=/session/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.config.secureCookie ? '; Secure' : ''}`;
  }

  @Get('login')
  async login(@Res() res: Response): Promise<void> {
    let started;
    try {
      started = await this.client.start(Date.now());
    } catch {
      return sendProblem(res, 503, 'sign-in-unavailable', 'Sign-in is unavailable', 'The organisation’s sign-in service could not be reached. Try again shortly.');
    }
    res.setHeader('set-cookie', this.pendingCookie(this.pending.add(started.pending), PENDING_SECONDS));
    res.setHeader('cache-control', 'no-store');
    res.status(302).setHeader('location', started.url);
    res.end();
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    // One use, whatever happens next: the pending sign-in is gone and its cookie cleared.
    const pending = this.pending.take(cookieOf(req.headers.cookie, PENDING_COOKIE));
    const clear = this.pendingCookie('', 0);
    const query = new URL(req.url, 'http://bff.invalid').searchParams;
    const refuse = (status: number, detail: string) => {
      res.setHeader('set-cookie', clear);
      sendProblem(res, status, 'sign-in-failed', 'Sign-in failed', detail);
    };
    if (!pending || query.get('state') !== pending.state) return refuse(400, 'This sign-in was not started here, was already used or has expired. Start again.');
    if (query.get('error')) return refuse(401, 'The organisation’s sign-in service did not sign you in. Start again.');
    const code = query.get('code');
    if (!code) return refuse(400, 'The sign-in service sent no code. Start again.');
    let who;
    let finished;
    try {
      finished = await this.client.finish(code, pending);
      who = sessionUserFromClaims(finished.claims as Record<string, unknown>, this.settings);
    } catch (error) {
      this.logger.warn(`sign-in refused: ${error instanceof SignInRefused ? error.reason : 'provider unreachable'}`);
      if (error instanceof SignInRefused) {
        return refuse(error.noAccess ? 403 : 401, error.noAccess ? 'You are signed in with your organisation but have no access to Stepwell in this role.' : 'The sign-in could not be verified. Start again.');
      }
      return refuse(503, 'The organisation’s sign-in service could not be reached. Try again shortly.');
    }
    // The ID token is kept (sealed) only as the id_token_hint of the provider's logout.
    await startSession(this.sessions, req, res, who, { accessToken: finished.accessToken, idToken: finished.idToken }, this.config.secureCookie, finished.expiresIn, [clear]);
    res.status(303).setHeader('location', '/');
    res.end();
  }
}
