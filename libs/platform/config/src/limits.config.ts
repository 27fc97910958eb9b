import { type Env, int, list } from './variables';
import { loadConfig } from './load-config';

/**
 * Limits every service reads (documented with their defaults in the root README and @stepwell/http's README).
 * HTTP_*: the HTTP edge. DATABASE_*: every PostgreSQL pool of the service (event store, read models, messaging).
 * TRUSTED_PROXIES: the proxies whose X-Forwarded-For is believed when the client address is needed (rate limits).
 */
export function limitVariables() {
  return {
    HTTP_BODY_LIMIT_BYTES: int({ default: 256 * 1024, min: 1024, max: 10 * 1024 * 1024 }),
    HTTP_REQUEST_TIMEOUT_MS: int({ default: 10_000, min: 100, max: 300_000 }),
    HTTP_MAX_CONCURRENT_REQUESTS: int({ default: 64, min: 1, max: 10_000 }),
    DATABASE_POOL_MAX: int({ default: 10, min: 1, max: 200 }),
    DATABASE_STATEMENT_TIMEOUT_MS: int({ default: 8_000, min: 100, max: 3_600_000 }),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int({ default: 15_000, min: 100, max: 3_600_000 }),
    RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: int({ default: 600, min: 1, max: 1_000_000 }),
    TRUSTED_PROXIES: list({ optional: true, itemPattern: /^[0-9a-fA-F:.]+(\/\d{1,3})?$/, itemDescription: 'an IP address or CIDR range' }),
  };
}

/** The pg pool settings every service pool uses: bounded size, and statements and idle transactions that end. */
export interface PostgresPoolSettings {
  max: number;
  statement_timeout: number;
  idle_in_transaction_session_timeout: number;
  connectionTimeoutMillis: number;
}

/**
 * Pool settings from DATABASE_POOL_MAX, DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
 * (already validated at start-up with the service's configuration; read here so that every library creating a pool
 * applies them without each taking the configuration as a parameter).
 */
export function postgresPoolSettings(env: Env = process.env): PostgresPoolSettings {
  const { DATABASE_POOL_MAX, DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS } = loadConfig(
    (({ DATABASE_POOL_MAX, DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS }) => ({
      DATABASE_POOL_MAX,
      DATABASE_STATEMENT_TIMEOUT_MS,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }))(limitVariables()),
    env,
  );
  return {
    max: DATABASE_POOL_MAX,
    statement_timeout: DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMillis: 5_000,
  };
}
