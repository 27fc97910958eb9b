import type { BlockList } from 'node:net';
import { type AddressedRequest, clientAddressOf, rateLimitSubject } from './client-address';
import type { RateLimiter, RateRule } from './rate-limiter';

/**
 * Per-client limits for anonymous routes (the self-referral form, questionnaire links): the client is the address
 * seen through `TRUSTED_PROXIES` (an IPv6 client by its /64), counted in the shared limiter, so that several
 * instances behind a load balancer hold one limit and one client cannot lock out everyone behind the balancer.
 * Injected by its class (provided by @stepwell/service-host).
 */
export class ClientRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly trustedProxies: BlockList,
  ) {}

  /** The subject a client is counted as (also a stable scope, e.g. for idempotency keys of anonymous callers). */
  subjectOf(request: AddressedRequest): string {
    return rateLimitSubject(clientAddressOf(request, this.trustedProxies));
  }

  /** Counts one request of the client in `bucket`; throws RateLimitedError (429 + Retry-After) past the rule. */
  async take(bucket: string, request: AddressedRequest, rule: RateRule, message?: string): Promise<string> {
    const subject = this.subjectOf(request);
    await this.limiter.take(bucket, subject, rule, message);
    return subject;
  }
}
