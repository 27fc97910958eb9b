import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { RateLimiter, RateRule } from './rate-limiter';
import { ReservedAllowance } from './reserved-allowance';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Per-organisation limit on authenticated writes, shared by every instance (RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE):
 * one organisation's runaway integration cannot starve the others. Added by configureApp after the authentication
 * guard (which sets `request.principal`) and before any interceptor or handler writes. Anonymous writes (the public
 * forms) have per-address limits of their own.
 *
 * Counted through a `ReservedAllowance` (issue 14): this instance reserves blocks of the organisation's allowance in
 * the shared row (one statement and commit per block, not per write). Never more than the limit across instances;
 * with N instances an organisation may be refused up to (N − 1) × 2 % of the limit early (see `ReservedAllowance`).
 */
export class OrganisationWriteLimitGuard implements CanActivate {
  private readonly allowance: ReservedAllowance;

  constructor(
    limiter: RateLimiter,
    private readonly rule: RateRule,
    now: () => number = Date.now,
  ) {
    this.allowance = new ReservedAllowance(limiter, now);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ method: string; principal?: { organisationId?: unknown } }>();
    const organisation = request.principal?.organisationId;
    if (!WRITES.has(request.method) || typeof organisation !== 'string') return true;
    await this.allowance.take('organisation-writes', organisation, this.rule, 'Your organisation has made more changes than allowed per minute; retry after the time in Retry-After.');
    return true;
  }
}
