import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenRoleError } from '../errors';
import type { AccessRequest } from '../principal/access-request';
import type { Role } from '../principal/vocabulary';
import { REQUIRED_ROLES } from './roles.decorator';

/** Global guard after authentication: enforces `@Roles(...)` (method overrides class). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
    if (!principal || !principal.roles.some((role) => required.includes(role))) throw new ForbiddenRoleError();
    return true;
  }
}
