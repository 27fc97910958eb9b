import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { AccessRequest, Role } from '@stepwell/access';
import { ForbiddenRoleError } from '@stepwell/access';

/** The role that may read messaging metrics, list dead letters and re-drive them. */
export const OPS_ROLE: Role = 'ops';

/**
 * The dead-letter ops guard: the principal the access module's authentication guard put on the request must hold
 * the `ops` role (403 `FORBIDDEN_ROLE` otherwise, as `@Roles` answers). No principal, no access: without the
 * access module the endpoints are closed, never open.
 */
export class OpsRoleGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return false;
    const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
    if (!principal || !principal.roles.includes(OPS_ROLE)) throw new ForbiddenRoleError();
    return true;
  }
}
