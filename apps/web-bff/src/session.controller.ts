import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from './http-types';
import { BFF_CONFIG } from './tokens';
import type { BffConfig } from './config';
import { OIDC_CLIENT } from './oidc/oidc.controller';
import type { OidcClient } from './oidc/oidc-client';
import { sendProblem } from './problem';
import { clearedSessionCookies, CSRF_HEADER, csrfMatches, sendSessionsUnavailable, sessionIdOf, SessionStore } from './session-store';

/** Who is signed in, and logging out: the same in every environment. */
@Controller('session')
export class SessionController {
  private readonly logger = new Logger('Session');

  constructor(
    private readonly sessions: SessionStore,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
    @Inject(OIDC_CLIENT) private readonly oidc: OidcClient | undefined,
  ) {}

  @Get()
  async current(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.get(sessionIdOf(req.headers.cookie)).catch(() => null);
    if (session === null) return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    if (!session) return sendProblem(res, 401, 'unauthenticated', 'Not signed in', 'Log in to use Stepwell.');
    res.json(session.who);
  }

  /** Which sign-ins this deployment offers: the log-in page shows those (production: the organisation's only). */
  @Get('sign-in-options')
  signInOptions(): { localLogin: boolean; organisation: string | null } {
    return { localLogin: this.config.localLogin, organisation: this.config.oidc ? '/session/oidc/login' : null };
  }

  /**
   * Ends the session here (its row is deleted, both cookies cleared). A session from the organisation's provider ends
   * there too (RP-initiated logout): 200 `{ endSessionUrl }`, where the app sends the browser; else 204.
   */
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const id = sessionIdOf(req.headers.cookie);
    const session = await this.sessions.get(id).catch(() => null);
    if (session === null) return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    // Logging out is a state change: another site must not be able to end the session either.
    if (session && !csrfMatches(session, req.headers[CSRF_HEADER])) {
      return sendProblem(res, 403, 'csrf-token-invalid', 'Request not accepted', 'The request did not carry this session’s CSRF token. Reload the page and try again.');
    }
    const ended = await this.sessions.delete(id);
    res.setHeader('set-cookie', clearedSessionCookies(this.config.secureCookie));
    const endSessionUrl = this.oidc && ended?.idToken ? await this.oidc.endSessionUrl(ended.idToken) : undefined;
    if (this.oidc && ended?.idToken && !endSessionUrl) this.logger.warn('signed out here only: the provider offers no end_session_endpoint or could not be reached');
    if (!endSessionUrl) {
      res.status(204).end();
      return;
    }
    res.status(200).json({ endSessionUrl });
  }
}
