import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from './http-types';
import { BFF_CONFIG } from './tokens';
import type { BffConfig } from './config';
import { sendProblem } from './problem';
import { clearedSessionCookies, CSRF_HEADER, csrfMatches, sessionIdOf, SessionStore } from './session-store';

/** Who is signed in, and logging out: the same in every environment. */
@Controller('session')
export class SessionController {
  constructor(private readonly sessions: SessionStore, @Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  @Get()
  current(@Req() req: Request, @Res() res: Response): void {
    const session = this.sessions.get(sessionIdOf(req.headers.cookie));
    if (!session) return sendProblem(res, 401, 'unauthenticated', 'Not signed in', 'Log in to use Stepwell.');
    res.json(session.who);
  }

  /** Which sign-ins this deployment offers: the log-in page shows those (production: the organisation's only). */
  @Get('sign-in-options')
  signInOptions(): { localLogin: boolean; organisation: string | null } {
    return { localLogin: this.config.localLogin, organisation: this.config.oidc ? '/session/oidc/login' : null };
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Req() req: Request, @Res() res: Response): void {
    const id = sessionIdOf(req.headers.cookie);
    const session = this.sessions.get(id);
    // Logging out is a state change: another site must not be able to end the session either.
    if (session && !csrfMatches(session, req.headers[CSRF_HEADER])) {
      return sendProblem(res, 403, 'csrf-token-invalid', 'Request not accepted', 'The request did not carry this session’s CSRF token. Reload the page and try again.');
    }
    this.sessions.delete(id);
    res.setHeader('set-cookie', clearedSessionCookies(this.config.secureCookie));
    res.status(204).end();
  }
}
