import { Inject, Injectable, Optional } from '@nestjs/common';
import { type AddressedRequest, ClientRateLimits, RateLimitedError, type RateRule } from '@stepwell/http';

export { RateLimitedError };
export type RateLimit = RateRule;

/** Nest token of the self-referral rate limit (tests provide a small one). */
export const SELF_REFERRAL_RATE_LIMIT = 'SELF_REFERRAL_RATE_LIMIT';
/** Five self-referrals per client per hour: the public form is for one person, not for bulk submission. */
export const DEFAULT_SELF_REFERRAL_RATE_LIMIT: RateLimit = { limit: 5, windowMs: 60 * 60 * 1000 };

/**
 * The self-referral form's limit per client address (seen through TRUSTED_PROXIES, an IPv6 client by its /64),
 * counted in the service's PostgreSQL so that every instance shares it (@stepwell/http's ClientRateLimits).
 */
@Injectable()
export class RateLimiter {
  private readonly rate: RateLimit;

  constructor(
    @Inject(ClientRateLimits) private readonly limits: ClientRateLimits,
    @Optional() @Inject(SELF_REFERRAL_RATE_LIMIT) rate?: RateLimit,
  ) {
    this.rate = rate ?? DEFAULT_SELF_REFERRAL_RATE_LIMIT;
  }

  /** Counts one self-referral from the request's client; returns the client subject; throws RateLimitedError past the limit. */
  take(request: AddressedRequest): Promise<string> {
    return this.limits.take('self-referrals', request, this.rate, 'Too many self-referrals from this address; try again later.');
  }
}
