import { type ConfigOf, type Env, int, type ParseResult, str, type Variable } from '@stepwell/config';
import { DEFAULT_BREAK_GLASS_WINDOW_MINUTES } from '../break-glass/break-glass-policy';
import { DEFAULT_PROVIDER_RETENTION_DAYS } from '../policy/access-policy';
import { parsePublicKey } from './token-verifier';

export const DEFAULT_ALGORITHMS: readonly string[] = ['ES256', 'RS256'];
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
/** Access-token `typ` headers accepted by default: RFC 9068's `at+jwt`, and plain `JWT` of providers that send it. */
export const DEFAULT_TOKEN_TYPES: readonly string[] = ['at+jwt', 'JWT'];
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 3600;
export const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const ASYMMETRIC_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);

/** The one rule on allowed algorithms (variables and programmatic configuration alike); undefined when fine. */
export function algorithmProblem(algorithms: readonly string[]): string | undefined {
  if (algorithms.length === 0) return 'must allow at least one algorithm';
  const refused = algorithms.filter((alg) => !ASYMMETRIC_ALGORITHMS.has(alg));
  // Symmetric algorithms would let anyone holding the (public) verification key forge tokens; `none` needs no key.
  return refused.length > 0 ? `must list asymmetric algorithms only (refused: ${refused.join(', ')})` : undefined;
}

/** The one rule on the clock-skew allowance; undefined when fine. */
export function clockToleranceProblem(seconds: number): string | undefined {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_CLOCK_TOLERANCE_SECONDS
    ? undefined
    : `must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`;
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (problem: string): ParseResult<never> => ({ ok: false, problem });
const externalProvider = (env: Env): boolean => present(env['AUTH_JWKS_URL']) || present(env['AUTH_PUBLIC_KEY']);

/** Items separated by commas or white space (`AAL3, AAL2`). */
function items(raw: string): string[] {
  return raw.split(/[\s,]+/).filter((item) => item !== '');
}

const jwksUrl: Variable<string | undefined> = {
  parse(raw, env) {
    if (!present(raw)) {
      // The embedded issuer is for local runs only: production must name its identity provider.
      return env['NODE_ENV']?.trim() === 'production' && !present(env['AUTH_PUBLIC_KEY'])
        ? fail('AUTH_JWKS_URL or AUTH_PUBLIC_KEY is required when NODE_ENV is production')
        : ok(undefined);
    }
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return fail('must be a URL');
    }
    if (url.protocol === 'https:') return ok(raw.trim());
    if (url.protocol !== 'http:') return fail('must be an http(s) URL');
    // Keys fetched in clear could be swapped on the way; plain http is for the local embedded issuer only.
    return env['NODE_ENV']?.trim() === 'production' ? fail('must be an https URL when NODE_ENV is production') : ok(raw.trim());
  },
};

const publicKey: Variable<string | undefined> = {
  parse(raw) {
    if (!present(raw)) return ok(undefined);
    try {
      parsePublicKey(raw);
    } catch {
      // Never echo the value: a misplaced private key must not reach the logs.
      return fail('must be a public key, PEM (SPKI) or a JWK as JSON');
    }
    return ok(raw.trim());
  },
};

const algorithms: Variable<readonly string[]> = {
  parse(raw) {
    if (!present(raw)) return ok(DEFAULT_ALGORITHMS);
    const list = items(raw);
    const problem = algorithmProblem(list);
    return problem ? fail(problem) : ok(list);
  },
};

const clockTolerance: Variable<number> = {
  parse(raw) {
    if (!present(raw)) return ok(DEFAULT_CLOCK_TOLERANCE_SECONDS);
    const seconds = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    const problem = clockToleranceProblem(seconds);
    return problem ? fail(problem) : ok(seconds);
  },
};

const acrValues: Variable<readonly string[]> = {
  parse: (raw) => ok(present(raw) ? items(raw) : []),
};

/** Whole days, 0–3650 (`ACCESS_PROVIDER_RETENTION_DAYS`): how long a provider keeps clinical access after its step ended. */
const retentionDays: Variable<number> = {
  parse(raw) {
    if (!present(raw)) return ok(DEFAULT_PROVIDER_RETENTION_DAYS);
    const days = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    return Number.isInteger(days) && days <= 3650 ? ok(days) : fail('must be a whole number of days from 0 to 3650');
  },
};

const tokenTypes: Variable<readonly string[]> = {
  parse: (raw) => {
    if (!present(raw)) return ok(DEFAULT_TOKEN_TYPES);
    const list = items(raw);
    return list.every((type) => /^[A-Za-z0-9.+/-]{1,64}$/.test(type)) ? ok(list) : fail('must list token types such as at+jwt, JWT');
  },
};

/** `acr` is required on every token in production; elsewhere only when AUTH_REQUIRE_ACR=true. */
const requireAcr: Variable<boolean> = {
  parse: (raw, env) => {
    const production = env['NODE_ENV']?.trim() === 'production';
    if (!present(raw)) return ok(production);
    const value = raw.trim().toLowerCase();
    if (value !== 'true' && value !== 'false') return fail('must be true or false');
    if (production && value === 'false') return fail('cannot be false when NODE_ENV is production');
    return ok(value === 'true');
  },
};

const requiredForExternalProvider = { test: externalProvider, because: 'AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set' };

/**
 * The authentication variables, for a service's configuration schema (`{ ...commonVariables(port),
 * ...authVariables() }`): every rule about them lives here, so a malformed one stops start-up naming it.
 */
export function authVariables() {
  return {
    AUTH_JWKS_URL: jwksUrl,
    AUTH_PUBLIC_KEY: publicKey,
    AUTH_ISSUER: str({ requiredWhen: requiredForExternalProvider }),
    AUTH_AUDIENCE: str({ requiredWhen: requiredForExternalProvider }),
    AUTH_ALGORITHMS: algorithms,
    AUTH_CLOCK_TOLERANCE_SECONDS: clockTolerance,
    AUTH_REQUIRED_ACR: acrValues,
    AUTH_REQUIRE_ACR: requireAcr,
    AUTH_TOKEN_TYPES: tokenTypes,
    AUTH_MAX_TOKEN_AGE_SECONDS: int({ default: DEFAULT_MAX_TOKEN_AGE_SECONDS, min: 60, max: 86_400 }),
    STEPWELL_DATA_DIR: str({ optional: true }),
    ACCESS_PROVIDER_RETENTION_DAYS: retentionDays,
    // How long one break-glass grant covers a user's reads of one patient: at least 5 minutes, at most a day.
    BREAK_GLASS_WINDOW_MINUTES: int({ default: DEFAULT_BREAK_GLASS_WINDOW_MINUTES, min: 5, max: 1440 }),
  };
}

export type AuthVariables = ConfigOf<ReturnType<typeof authVariables>>;
