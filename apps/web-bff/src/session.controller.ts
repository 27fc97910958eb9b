import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from './http-types';
import { BFF_CONFIG } from './tokens';
import type { BffConfig } from './config';
import { sendProblem } from './problem';
import { clearedSessionCookie, sessionIdOf, SessionStore } from './session-store';

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

  @Post('logout')
  @HttpCode(204)
  logout(@Req() req: Request, @Res() res: Response): void {
    this.sessions.delete(sessionIdOf(req.headers.cookie));
    res.setHeader('set-cookie', clearedSessionCookie(this.config.secureCookie));
    res.status(204).end();
  }
}
