import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type AddressedRequest, ClientRateLimits } from '@stepwell/http';
import { INVITATION_POLICY, type InvitationPolicy } from './invitation-policy';

/**
 * The public questionnaire-link routes, limited per client address (seen through TRUSTED_PROXIES, an IPv6 client by
 * its /64) to INVITATION_REQUESTS_PER_MINUTE, counted in the service's PostgreSQL so that every instance shares one
 * limit (@stepwell/http's ClientRateLimits): guessing and scraping links stays slow however many instances run.
 * Past the limit: 429 RATE_LIMITED with Retry-After.
 */
@Injectable()
export class InvitationRateLimitGuard implements CanActivate {
  constructor(
    @Inject(INVITATION_POLICY) private readonly policy: InvitationPolicy,
    @Inject(ClientRateLimits) private readonly limits: ClientRateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AddressedRequest>();
    await this.limits.take('questionnaire-links', request, { limit: this.policy.requestsPerMinute, windowMs: 60_000 }, 'Too many requests from this address: try again later.');
    return true;
  }
}
