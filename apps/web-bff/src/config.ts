import { join, resolve } from 'node:path';
import { type ConfigOf, type Env, loadConfig, LOG_LEVELS, oneOf, port, str, url } from '@stepwell/config';
import { DEFAULT_AUDIENCE, defaultDataDir, EMBEDDED_ISSUER } from '@stepwell/access';

/** The repository root, from src/ (tests) or dist/ (the built app) alike. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The five services and their default ports: the same as infra/local/platform.mjs (what `npm start` uses). */
export const SERVICES = {
  referrals: { defaultPort: 3001, portVariable: 'REFERRALS_PORT', urlVariable: 'REFERRALS_URL' },
  scheduling: { defaultPort: 3002, portVariable: 'SCHEDULING_PORT', urlVariable: 'SCHEDULING_URL' },
  consultations: { defaultPort: 3003, portVariable: 'CONSULTATIONS_PORT', urlVariable: 'CONSULTATIONS_URL' },
  outcomes: { defaultPort: 3004, portVariable: 'OUTCOMES_PORT', urlVariable: 'OUTCOMES_URL' },
  directory: { defaultPort: 3005, portVariable: 'DIRECTORY_PORT', urlVariable: 'DIRECTORY_URL' },
} as const;
export type ServiceName = keyof typeof SERVICES;

export const WEB_BFF_DEFAULT_PORT = 3000;

const variables = {
  PORT: port({ default: WEB_BFF_DEFAULT_PORT }),
  HOST: str({ default: '127.0.0.1' }),
  NODE_ENV: oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  /** As the services read it: the BFF logs through the services' logger (`serviceLogger` of @stepwell/http). */
  LOG_LEVEL: oneOf(LOG_LEVELS, { default: 'log' }),
  /** The built web app (apps/web/dist). */
  WEB_DIST: str({ default: join(REPO_ROOT, 'apps/web/dist') }),
  REFERRALS_URL: url({ protocols: ['http', 'https'], optional: true }),
  SCHEDULING_URL: url({ protocols: ['http', 'https'], optional: true }),
  CONSULTATIONS_URL: url({ protocols: ['http', 'https'], optional: true }),
  OUTCOMES_URL: url({ protocols: ['http', 'https'], optional: true }),
  DIRECTORY_URL: url({ protocols: ['http', 'https'], optional: true }),
  /** Local log-in only: where the embedded issuer's key is (as `npm start` and `npm run token` read it). */
  STEPWELL_DATA_DIR: str({ optional: true }),
  AUTH_ISSUER: str({ default: EMBEDDED_ISSUER }),
  AUTH_AUDIENCE: str({ default: DEFAULT_AUDIENCE }),
};

export interface BffConfig extends Omit<ConfigOf<typeof variables>, 'REFERRALS_URL' | 'SCHEDULING_URL' | 'CONSULTATIONS_URL' | 'OUTCOMES_URL' | 'DIRECTORY_URL'> {
  /** Base URL of each service. */
  services: Record<ServiceName, string>;
  dataDir: string;
  /** Local "choose who you are" log-in: never with NODE_ENV=production. */
  localLogin: boolean;
  /** Secure cookie (HTTPS only): always in production. */
  secureCookie: boolean;
}

/**
 * Throws ConfigError naming every wrong variable. A service's URL: `<SERVICE>_URL`, else
 * `http://127.0.0.1:<SERVICE>_PORT` with the launcher's default port.
 */
export function loadBffConfig(env: Env = process.env): BffConfig {
  const config = loadConfig(variables, env);
  const services = {} as Record<ServiceName, string>;
  for (const [name, service] of Object.entries(SERVICES) as Array<[ServiceName, (typeof SERVICES)[ServiceName]]>) {
    const given = config[service.urlVariable];
    services[name] = (given ?? `http://127.0.0.1:${env[service.portVariable] ?? service.defaultPort}`).replace(/\/$/, '');
  }
  const production = config.NODE_ENV === 'production';
  return {
    PORT: config.PORT,
    HOST: config.HOST,
    NODE_ENV: config.NODE_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    WEB_DIST: config.WEB_DIST,
    STEPWELL_DATA_DIR: config.STEPWELL_DATA_DIR,
    AUTH_ISSUER: config.AUTH_ISSUER,
    AUTH_AUDIENCE: config.AUTH_AUDIENCE,
    services,
    dataDir: config.STEPWELL_DATA_DIR ?? defaultDataDir(env as NodeJS.ProcessEnv),
    localLogin: !production,
    secureCookie: production,
  };
}
