import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { BreakGlassReadOnlyError } from '../errors';
import { headerValue, type AccessRequest } from '../principal/access-request';
import { BREAK_GLASS_HEADER, isReadOnlyMethod } from './break-glass-policy';

/**
 * Global: a request that changes anything may not carry `X-Break-Glass-Reason`, on any route. Refused before
 * validation and before the handler, so nothing is written and no grant is recorded.
 */
@Injectable()
export class BreakGlassReadOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AccessRequest & { method?: string }>();
    const reason = headerValue(request, BREAK_GLASS_HEADER);
    if (reason !== undefined && !isReadOnlyMethod(request.method)) throw new BreakGlassReadOnlyError();
    return true;
  }
}
