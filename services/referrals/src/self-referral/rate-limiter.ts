import { Inject, Injectable, Optional } from '@nestjs/common';

/** Past the limit for a client address: 429 with a problem document and `Retry-After`. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED' as const;
  readonly headers: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    super('Too many self-referrals from this address; try again later.');
    this.name = 'RateLimitedError';
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

export interface RateLimit {
  /** Requests allowed per address within one window. */
  limit: number;
  windowMs: number;
}

/** Nest token of the self-referral rate limit (tests provide a small one). */
export const SELF_REFERRAL_RATE_LIMIT = 'SELF_REFERRAL_RATE_LIMIT';
export const DEFAULT_SELF_REFERRAL_RATE_LIMIT: RateLimit = { limit: 5, windowMs: 60 * 60 * 1000 };

/**
 * A fixed-window counter per client address, in this instance's memory. It bounds abuse of a public form from one
 * address; several instances each allow the limit (a shared store would be needed for a global one).
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private readonly rate: RateLimit;

  constructor(@Optional() @Inject(SELF_REFERRAL_RATE_LIMIT) rate?: RateLimit) {
    this.rate = rate ?? DEFAULT_SELF_REFERRAL_RATE_LIMIT;
  }

  /** Counts one request from `address`; throws RateLimitedError past the limit. */
  take(address: string, now: number = Date.now()): void {
    const current = this.windows.get(address);
    if (!current || now - current.startedAt >= this.rate.windowMs) {
      this.windows.set(address, { startedAt: now, count: 1 });
      this.forgetExpired(now);
      return;
    }
    if (current.count >= this.rate.limit) {
      throw new RateLimitedError(Math.max(1, Math.ceil((current.startedAt + this.rate.windowMs - now) / 1000)));
    }
    current.count += 1;
  }

  private forgetExpired(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [address, window] of this.windows) if (now - window.startedAt >= this.rate.windowMs) this.windows.delete(address);
  }
}
