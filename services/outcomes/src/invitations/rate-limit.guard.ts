import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock';
import { INVITATION_POLICY, type InvitationPolicy } from './invitation-policy';

/** Too many requests from one address: the public link routes slow guessing and scraping down. */
export class TooManyRequestsError extends Error {
  readonly code = 'TOO_MANY_REQUESTS' as const;
  readonly headers: Record<string, string>;
  constructor(retryAfterSeconds: number) {
    super('Too many requests from this address: try again later.');
    this.name = 'TooManyRequestsError';
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

/**
 * A fixed one-minute window per client address, in memory: enough for one instance; several instances behind a
 * load balancer each allow the limit (a shared limiter belongs in the gateway).
 */
@Injectable()
export class InvitationRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    @Inject(INVITATION_POLICY) private readonly policy: InvitationPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ ip?: string; socket?: { remoteAddress?: string } }>();
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const now = this.clock.now().getTime();
    const window = this.windows.get(client);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(client, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    if (window.count > this.policy.requestsPerMinute) throw new TooManyRequestsError(Math.ceil((window.start + 60_000 - now) / 1000));
    return true;
  }
}
