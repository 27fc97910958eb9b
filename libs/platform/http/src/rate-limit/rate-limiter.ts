import { createHash } from 'node:crypto';

/** Past a limit: 429 with a problem document and `Retry-After` (RATE_LIMITED in the error table). */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED' as const;
  readonly headers: Record<string, string>;

  constructor(retryAfterSeconds: number, message = 'Too many requests; try again after the time in Retry-After.') {
    super(message);
    this.name = 'RateLimitedError';
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

export interface RateRule {
  /** Requests allowed per subject within one window. */
  limit: number;
  windowMs: number;
}

/** Runs one SQL statement with positional parameters (a pg pool's or a TypeORM DataSource's `query`). */
export type SqlQuery = (sql: string, parameters: unknown[]) => Promise<unknown>;

/** Nest token of the service's RateLimiter (provided by @stepwell/service-host for every service). */
export const RATE_LIMITER = 'stepwell:http:rate-limiter';

/** What `reserve` obtained: up to the wanted number of requests, in the window that ends at `expiresAt`. */
export interface Reservation {
  /** 0 once the window's allowance is spent (it stays spent until the window ends). */
  granted: number;
  windowStart: number;
  /** Epoch ms. */
  expiresAt: number;
}

export interface RateLimiter {
  /** Counts one request of `subject` in `bucket`; throws RateLimitedError past the rule's limit. */
  take(bucket: string, subject: string, rule: RateRule, message?: string): Promise<void>;
  /**
   * Takes up to `wanted` requests of the current window's allowance at once (one statement), for a caller that
   * hands them out itself (`ReservedAllowance`): what every caller was granted in a window never exceeds the limit.
   */
  reserve(bucket: string, subject: string, rule: RateRule, wanted: number): Promise<Reservation>;
}

/** Retry-After in whole seconds (at least 1) until a window ends. */
export const retryAfterSeconds = (expiresAt: number, now: number): number => Math.max(1, Math.ceil((expiresAt - now) / 1000));

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Fixed-window counters in PostgreSQL, so that every instance of a service shares one limit: one atomic upsert per
 * request (`take`) or per block of requests (`reserve`, handed out by `ReservedAllowance`); `take` holds nothing in
 * the process (bounded memory whatever the number of clients). Keys are hashes of bucket
 * and subject, so no client address is stored; expired windows are deleted as new ones are written.
 */
export class PostgresRateLimiter implements RateLimiter {
  private ready: Promise<void> | undefined;
  private readonly table: string;

  constructor(
    private readonly query: SqlQuery,
    schema: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Rate-limit schema must be a lower-case SQL identifier, got "${schema}"`);
    this.table = `"${schema}"."rate_limit_windows"`;
  }

  async take(bucket: string, subject: string, rule: RateRule, message?: string): Promise<void> {
    const { granted, expiresAt } = await this.reserve(bucket, subject, rule, 1);
    if (granted === 0) throw new RateLimitedError(retryAfterSeconds(expiresAt, this.now()), message);
  }

  /**
   * One atomic upsert adds `wanted` to the window's count; what was granted is the part of the added range that lies
   * within the limit. Concurrent reservations get disjoint ranges, so the grants of one window add up to at most the
   * limit across every instance.
   */
  async reserve(bucket: string, subject: string, rule: RateRule, wanted: number): Promise<Reservation> {
    if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`a reservation takes a whole number of requests, got ${wanted}`);
    await this.ensureTable();
    const now = this.now();
    const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
    const expiresAt = windowStart + rule.windowMs;
    const key = createHash('sha256').update(`${bucket}\u0000${subject}`).digest('base64url').slice(0, 32);
    const result = (await this.query(
      `INSERT INTO ${this.table} AS w (key, window_start, expires_at, hits) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.hits + EXCLUDED.hits ELSE EXCLUDED.hits END,
         window_start = EXCLUDED.window_start,
         expires_at = EXCLUDED.expires_at
       RETURNING hits`,
      [key, windowStart, expiresAt, wanted],
    )) as Array<{ hits: number | string }> | [Array<{ hits: number | string }>, number];
    const rows = Array.isArray(result[0]) ? (result[0] as Array<{ hits: number | string }>) : (result as Array<{ hits: number | string }>);
    const hits = Number(rows[0]?.hits ?? 0);
    // Now and then, forget windows that have ended (cheap: indexed on expires_at).
    if (hits === wanted && Math.random() < 0.05) await this.query(`DELETE FROM ${this.table} WHERE expires_at < $1`, [now]);
    const granted = Math.min(wanted, Math.max(0, rule.limit - (hits - wanted)));
    return { granted, windowStart, expiresAt };
  }

  private ensureTable(): Promise<void> {
    this.ready ??= (async () => {
      const create = async () => {
        await this.query(
          `CREATE TABLE IF NOT EXISTS ${this.table} (key text PRIMARY KEY, window_start bigint NOT NULL, expires_at bigint NOT NULL, hits integer NOT NULL)`,
          [],
        );
        await this.query(`CREATE INDEX IF NOT EXISTS rate_limit_windows_expiry ON ${this.table} (expires_at)`, []);
      };
      try {
        await create();
      } catch {
        // Two instances creating the table at once: one wins, the other's retry finds it.
        await create();
      }
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
