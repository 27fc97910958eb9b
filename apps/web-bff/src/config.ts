import { join, resolve } from 'node:path';
import { type ConfigOf, ConfigError, type Env, int, loadConfig, LOG_LEVELS, oneOf, port, str, url } from '@stepwell/config';
import { personalDataVariables } from '@stepwell/personal-data';
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

type ConfigIssue = ConfigError['issues'][number];

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
  /**
   * The platform's PostgreSQL (as the services read it): the sessions live there (schema `web_bff`), shared by every
   * BFF instance, so a restart or a second instance logs nobody out.
   */
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  /** A session unused for this long ends (checked in the session query), whatever its token's lifetime. */
  SESSION_IDLE_SECONDS: int({ default: 1800, min: 60, max: 3600 }),
  /**
   * The key that seals the sessions' tokens at rest: the services' key-encryption key variables
   * (`DATA_KEY_ENCRYPTION_KEY`, required in production; unset locally, the key file under the data folder).
   */
  ...personalDataVariables(),
  /** Local log-in only: where the embedded issuer's key is (as `npm start` and `npm run token` read it). */
  STEPWELL_DATA_DIR: str({ optional: true }),
  AUTH_ISSUER: str({ default: EMBEDDED_ISSUER }),
  AUTH_AUDIENCE: str({ default: DEFAULT_AUDIENCE }),
  /**
   * OpenID Connect sign-in (authorisation code + PKCE) against the organisation's provider, e.g. NHS CIS2: the
   * issuer whose `/.well-known/openid-configuration` the BFF reads. Required with NODE_ENV=production (the only
   * sign-in there); optional locally (then both "choose who you are" and the provider's sign-in are offered).
   */
  OIDC_ISSUER: str({ requiredWhen: { test: (env) => env['NODE_ENV'] === 'production', because: 'NODE_ENV is production (OpenID Connect is the only sign-in there)' } }),
  OIDC_CLIENT_ID: str({ requiredWhen: { test: (env) => present(env['OIDC_ISSUER']), because: 'OIDC_ISSUER is set' } }),
  /** Client authentication at the token endpoint (client_secret_basic). Never logged. */
  OIDC_CLIENT_SECRET: str({ requiredWhen: { test: (env) => present(env['OIDC_ISSUER']), because: 'OIDC_ISSUER is set' } }),
  /** This BFF's callback as registered with the provider: `https://<host>/session/oidc/callback`. */
  OIDC_REDIRECT_URL: str({ requiredWhen: { test: (env) => present(env['OIDC_ISSUER']), because: 'OIDC_ISSUER is set' } }),
  OIDC_SCOPES: str({ default: 'openid profile' }),
  /** How the ID token's claims become the platform's principal: `platform` (the services' claim names) or `cis2`. */
  OIDC_CLAIMS: oneOf(['platform', 'cis2'] as const, { default: 'platform' }),
  /**
   * RP-initiated logout: where the provider sends the browser back after ending its session (registered with the
   * provider as a post-logout redirect URI). Unset: the provider shows its own signed-out page.
   */
  OIDC_POST_LOGOUT_REDIRECT_URL: str({ optional: true }),
  /** cis2 only: JSON `{"<CIS2 role code or activity code>": ["<platform role>", ...]}`. */
  OIDC_CIS2_ROLE_MAP: str({ optional: true }),
  /** cis2 only: JSON `{"<ODS code>": "<organisation type>"}` — the organisations that may use this deployment. */
  OIDC_CIS2_ORG_TYPES: str({ optional: true }),
};

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

function jsonObject(issues: ConfigIssue[], variable: string, raw: string | undefined): Record<string, unknown> {
  if (!present(raw)) return {};
  try {
    const parsed: unknown = JSON.parse(raw as string);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  issues.push({ variable, problem: 'must be a JSON object' });
  return {};
}

/** The OpenID Connect client's settings; absent when OIDC_ISSUER is not set. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  postLogoutRedirectUrl?: string;
  scopes: string;
  claims: 'platform' | 'cis2';
  cis2RoleMap: Record<string, unknown>;
  cis2OrgTypes: Record<string, unknown>;
}

type OidcVariable = 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_REDIRECT_URL' | 'OIDC_POST_LOGOUT_REDIRECT_URL' | 'OIDC_SCOPES' | 'OIDC_CLAIMS' | 'OIDC_CIS2_ROLE_MAP' | 'OIDC_CIS2_ORG_TYPES';
export interface BffConfig extends Omit<ConfigOf<typeof variables>, 'REFERRALS_URL' | 'SCHEDULING_URL' | 'CONSULTATIONS_URL' | 'OUTCOMES_URL' | 'DIRECTORY_URL' | OidcVariable> {
  /** Base URL of each service. */
  services: Record<ServiceName, string>;
  dataDir: string;
  /** Local "choose who you are" log-in: never with NODE_ENV=production. */
  localLogin: boolean;
  /** Secure cookie (HTTPS only): always in production. */
  secureCookie: boolean;
  oidc?: OidcSettings;
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
  const issues: ConfigIssue[] = [];
  for (const variable of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL', 'OIDC_POST_LOGOUT_REDIRECT_URL'] as const) {
    const value = config[variable];
    if (value !== undefined && !/^https?:\/\/[^/\s]+/.test(value)) issues.push({ variable, problem: 'must be an http(s) URL' });
  }
  if (production && config.OIDC_ISSUER && !config.OIDC_ISSUER.startsWith('https:')) issues.push({ variable: 'OIDC_ISSUER', problem: 'must be https when NODE_ENV is production' });
  for (const variable of ['OIDC_REDIRECT_URL', 'OIDC_POST_LOGOUT_REDIRECT_URL'] as const) {
    const value = config[variable];
    if (production && value && !value.startsWith('https:')) issues.push({ variable, problem: 'must be https when NODE_ENV is production' });
  }
  const cis2RoleMap = jsonObject(issues, 'OIDC_CIS2_ROLE_MAP', config.OIDC_CIS2_ROLE_MAP);
  const cis2OrgTypes = jsonObject(issues, 'OIDC_CIS2_ORG_TYPES', config.OIDC_CIS2_ORG_TYPES);
  if (config.OIDC_CLAIMS === 'cis2' && Object.keys(cis2OrgTypes).length === 0) issues.push({ variable: 'OIDC_CIS2_ORG_TYPES', problem: 'is required when OIDC_CLAIMS is cis2' });
  if (issues.length > 0) throw new ConfigError(issues);
  const oidc: OidcSettings | undefined = config.OIDC_ISSUER
    ? {
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID as string,
        clientSecret: config.OIDC_CLIENT_SECRET as string,
        redirectUrl: config.OIDC_REDIRECT_URL as string,
        ...(config.OIDC_POST_LOGOUT_REDIRECT_URL ? { postLogoutRedirectUrl: config.OIDC_POST_LOGOUT_REDIRECT_URL } : {}),
        scopes: config.OIDC_SCOPES,
        claims: config.OIDC_CLAIMS,
        cis2RoleMap,
        cis2OrgTypes,
      }
    : undefined;
  return {
    PORT: config.PORT,
    HOST: config.HOST,
    NODE_ENV: config.NODE_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    WEB_DIST: config.WEB_DIST,
    STEPWELL_DATA_DIR: config.STEPWELL_DATA_DIR,
    AUTH_ISSUER: config.AUTH_ISSUER,
    AUTH_AUDIENCE: config.AUTH_AUDIENCE,
    DATABASE_URL: config.DATABASE_URL,
    SESSION_IDLE_SECONDS: config.SESSION_IDLE_SECONDS,
    DATA_KEY_ENCRYPTION_KEY: config.DATA_KEY_ENCRYPTION_KEY,
    DATA_KEY_ENCRYPTION_KEY_VERSION: config.DATA_KEY_ENCRYPTION_KEY_VERSION,
    DATA_KEY_ENCRYPTION_PREVIOUS_KEYS: config.DATA_KEY_ENCRYPTION_PREVIOUS_KEYS,
    services,
    dataDir: config.STEPWELL_DATA_DIR ?? defaultDataDir(env as NodeJS.ProcessEnv),
    localLogin: !production,
    secureCookie: production,
    ...(oidc ? { oidc } : {}),
  };
}
