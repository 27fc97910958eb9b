import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { RateLimiter, RateRule } from './rate-limiter';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Per-organisation limit on authenticated writes, shared by every instance (RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE):
 * one organisation's runaway integration cannot starve the others. Added by configureApp after the authentication
 * guard (which sets `request.principal`) and before any interceptor or handler writes. Anonymous writes (the public
 * forms) have per-address limits of their own.
 */
export class OrganisationWriteLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly rule: RateRule,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ method: string; principal?: { organisationId?: unknown } }>();
    const organisation = request.principal?.organisationId;
    if (!WRITES.has(request.method) || typeof organisation !== 'string') return true;
    await this.limiter.take('organisation-writes', organisation, this.rule, 'Your organisation has made more changes than allowed per minute; retry after the time in Retry-After.');
    return true;
  }
}
