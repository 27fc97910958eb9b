import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { AddressedRequest } from './client-address';
import { ClientRateLimits } from './client-rate-limits';
import type { RateRule } from './rate-limiter';

/** Where a route's rule comes from: fixed, or a Nest token the module provides (tests provide a small one). */
export type ClientRateRuleSource =
  | RateRule
  | { token: string; select?: (provided: never) => RateRule; fallback?: RateRule };

export interface ClientRateLimitOptions {
  /** The counter's name, shared by every instance (e.g. `self-referrals`). */
  bucket: string;
  rule: ClientRateRuleSource;
  /** The 429 problem's detail. */
  message?: string;
}

const CLIENT_RATE_LIMIT = 'stepwell:http:client-rate-limit';

/** The request member the guard leaves the counted client in (read with `clientSubjectOf`). */
interface CountedRequest extends AddressedRequest {
  stepwellClientSubject?: string;
}

/**
 * The one rate-limit guard of anonymous routes (the self-referral form, questionnaire links): counts the request's
 * client (the address seen through TRUSTED_PROXIES, an IPv6 client by its /64) in the service's shared PostgreSQL
 * limiter, so every instance holds one limit. Past it: 429 RATE_LIMITED with Retry-After, before the handler runs.
 * Use through `@ClientRateLimit({ bucket, rule })`. Authenticated writes have OrganisationWriteLimitGuard.
 */
@Injectable()
export class ClientRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
    private readonly limits: ClientRateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<ClientRateLimitOptions | undefined>(CLIENT_RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!options) return true;
    const request = context.switchToHttp().getRequest<CountedRequest>();
    request.stepwellClientSubject = await this.limits.take(options.bucket, request, this.ruleOf(options.rule), options.message);
    return true;
  }

  private ruleOf(source: ClientRateRuleSource): RateRule {
    if (!('token' in source)) return source;
    let provided: unknown;
    try {
      provided = this.modules.get(source.token, { strict: false });
    } catch {
      provided = undefined;
    }
    if (provided === undefined) {
      if (source.fallback) return source.fallback;
      throw new Error(`No rate rule is provided under ${source.token}`);
    }
    return source.select ? source.select(provided as never) : (provided as RateRule);
  }
}

/** Limits a route (or every route of a controller) per client address; see ClientRateLimitGuard. */
export function ClientRateLimit(options: ClientRateLimitOptions): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(CLIENT_RATE_LIMIT, options), UseGuards(ClientRateLimitGuard));
}

/** The client subject ClientRateLimitGuard counted this request as (a stable scope for anonymous idempotency keys). */
export function clientSubjectOf(request: object): string {
  const subject = (request as CountedRequest).stepwellClientSubject;
  if (subject === undefined) throw new Error('clientSubjectOf: the route has no @ClientRateLimit');
  return subject;
}
