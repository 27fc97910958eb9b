import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DynamicModule, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { BffRequest as Request, BffResponse as Response, NextFunction } from './http-types';
import type { BffConfig } from './config';
import { DEMO_USERS_LOADER, type DemoUsersLoader, loadDemoUsers } from './demo-users';
import { LocalLoginController } from './local-login.controller';
import { OIDC_CLIENT, OidcController } from './oidc/oidc.controller';
import { OidcClient, PendingSignIns } from './oidc/oidc-client';
import { apiProxy } from './proxy';
import { SessionController } from './session.controller';
import { keyEncryptionKeysFrom } from '@stepwell/personal-data';
import { PostgresSessionStore } from './postgres-session-store';
import { SessionStore } from './session-store';
import { BFF_CONFIG } from './tokens';

/**
 * The BFF's module. The local log-in controller is only part of it when the configuration allows local log-in
 * (never with NODE_ENV=production): in production its routes do not exist. The OpenID Connect sign-in is part of it
 * when OIDC_ISSUER is set (always in production: the configuration requires it there).
 */
@Module({})
export class BffModule {
  static forConfig(config: BffConfig, sessions: SessionStore, pending: PendingSignIns, demoUsers: DemoUsersLoader): DynamicModule {
    return {
      module: BffModule,
      controllers: [SessionController, ...(config.localLogin ? [LocalLoginController] : []), ...(config.oidc ? [OidcController] : [])],
      providers: [
        { provide: PendingSignIns, useValue: pending },
        { provide: OIDC_CLIENT, useValue: config.oidc ? new OidcClient(config.oidc) : undefined },
        { provide: BFF_CONFIG, useValue: config },
        { provide: SessionStore, useValue: sessions },
        { provide: DEMO_USERS_LOADER, useValue: demoUsers },
      ],
    };
  }
}

/** The CSS's icons (`/assets/images/...`) come from the design system's package. */
const NHSUK_ASSETS = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist/nhsuk/assets');

/** Same-origin everything; no inline script; the design system's web fonts (a third party) are not fetched. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The BFF on its configuration. Its sessions are in PostgreSQL (DATABASE_URL), their tokens sealed under the
 * key-encryption key; the store's pool ends with the app. `now`: the clock of session expiry (tests move it).
 */
export async function createBffApp(config: BffConfig, options: { demoUsers?: DemoUsersLoader; logger?: LoggerService; now?: () => number } = {}): Promise<NestExpressApplication> {
  const sessions = await PostgresSessionStore.open({
    databaseUrl: config.DATABASE_URL,
    keyEncryptionKeys: keyEncryptionKeysFrom({ ...config, STEPWELL_DATA_DIR: config.dataDir }),
    idleSeconds: config.SESSION_IDLE_SECONDS,
    ...(options.now ? { now: options.now } : {}),
  });
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(BffModule.forConfig(config, sessions, sessions.pendingSignIns, options.demoUsers ?? loadDemoUsers), {
      bodyParser: false,
      logger: options.logger ?? ['error', 'warn'],
    });
  } catch (error) {
    await sessions.close();
    throw error;
  }
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  // Liveness for the launcher and a load balancer (the services behind have their own /health and /ready).
  app.use('/health', (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.status(200).json({ status: 'ok' });
  });
  // Before any body parser: the proxy passes bodies through unread.
  app.use('/api', apiProxy(config, sessions));
  app.use('/session', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  app.useBodyParser('json', { limit: '10kb' });
  app.useStaticAssets(config.WEB_DIST, { index: false });
  app.useStaticAssets(NHSUK_ASSETS, { prefix: '/assets/' });
  // The app's own paths (/refer, /referrals/<id>, ...) all load index.html; the app routes in the browser.
  const indexHtml = join(config.WEB_DIST, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/session') || req.path.startsWith('/api/') || req.path.includes('.')) return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The web app is not built: run npm run build.');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return app;
}
