import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { BffRequest as Request, BffResponse as Response } from './http-types';
import { loadOrCreateSigningKey, signToken } from '@stepwell/access';
import type { BffConfig } from './config';
import { DEMO_USERS_LOADER, type DemoUsersLoader } from './demo-users';
import { sendProblem } from './problem';
import { sendSessionsUnavailable, SessionStore, startSession } from './session-store';
import { BFF_CONFIG } from './tokens';

/**
 * "Choose who you are" — local development only. Lists the demo users and signs a token for the chosen one with the
 * embedded issuer's key (the key `npm start` serves as JWKS), as `npm run token` would. This controller is not part
 * of the application when NODE_ENV=production (see BffModule): its routes answer 404 there, and signToken itself
 * refuses to sign in production as a second guard.
 */
@Controller('session')
export class LocalLoginController {
  constructor(
    private readonly sessions: SessionStore,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
    @Inject(DEMO_USERS_LOADER) private readonly demoUsers: DemoUsersLoader,
  ) {}

  @Get('users')
  async users(): Promise<unknown> {
    return this.demoUsers();
  }

  @Post('local-login')
  async login(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const key = body && typeof body === 'object' && 'who' in body && typeof body.who === 'string' ? body.who : undefined;
    const who = (await this.demoUsers()).find((u) => u.key === key);
    if (!who) {
      res
        .status(400)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'https://stepwell.example/problems/validation-failed',
            title: 'Request validation failed',
            status: 400,
            detail: 'The request has 1 invalid field.',
            errors: [{ field: 'who', messages: ['Choose one of the demo users'] }],
          }),
        );
      return;
    }
    let token: string;
    try {
      const signingKey = await loadOrCreateSigningKey(this.config.dataDir);
      token = await signToken(
        { user: who.user, name: who.name, org: who.org, orgType: who.orgType as never, roles: who.roles as never, ttl: '1h' },
        { key: signingKey, issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE },
      );
    } catch {
      return sendProblem(res, 503, 'local-login-unavailable', 'Local log-in is unavailable', 'The embedded issuer could not sign a token.');
    }
    try {
      await startSession(this.sessions, req, res, who, { accessToken: token }, this.config.secureCookie);
    } catch {
      return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
    }
    res.status(200).json(who);
  }
}
