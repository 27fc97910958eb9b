import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from '../http-types';
import type { BffConfig, OidcSettings } from '../config';
import { sendProblem } from '../problem';
import { cookieOf, sendSessionsUnavailable, SessionStore, startSession } from '../session-store';
import { BFF_CONFIG } from '../tokens';
import { sessionUserFromClaims } from './claims';
import { OidcClient, PENDING_SECONDS, PendingSignIns, SignInRefused } from './oidc-client';

export const OIDC_CLIENT = Symbol('OIDC_CLIENT');
/** Binds the browser to its sign-in in flight. Lax: the provider's redirect back is a cross-site navigation. */
const PENDING_COOKIE = 'stepwell_oidc';

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
    let pendingId: string;
    try {
      pendingId = await this.pending.add(started.pending);
    } catch {
      return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    }
    res.setHeader('set-cookie', this.pendingCookie(pendingId, PENDING_SECONDS));
    res.setHeader('cache-control', 'no-store');
    res.status(302).setHeader('location', started.url);
    res.end();
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    // One use, whatever happens next: the pending sign-in is gone and its cookie cleared.
    const clear = this.pendingCookie('', 0);
    const pending = await this.pending.take(cookieOf(req.headers.cookie, PENDING_COOKIE)).catch(() => null);
    if (pending === null) {
      res.setHeader('set-cookie', clear);
      return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    }
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
    try {
      await startSession(this.sessions, req, res, who, { accessToken: finished.accessToken, idToken: finished.idToken }, this.config.secureCookie, finished.expiresIn, [clear]);
    } catch {
      res.setHeader('set-cookie', clear);
      return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    }
    res.status(303).setHeader('location', '/');
    res.end();
  }
}
