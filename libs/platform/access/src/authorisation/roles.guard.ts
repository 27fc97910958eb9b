import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { RequestValidationError } from '@stepwell/http';
import { AccessAuditor } from '../audit/access-auditor';
import { correlationIdOf } from '../audit/correlation';
import { BREAK_GLASS_HEADER } from '../break-glass/break-glass-policy';
import { ForbiddenRoleError } from '../errors';
import { accessTargetResolverOf, type AccessTarget } from '../policy/access-target';
import { PATIENT_ACCESS, type PatientAccessOptions } from '../policy/patient-access.decorator';
import type { AccessRequest } from '../principal/access-request';
import { headerValue } from '../principal/access-request';
import type { Principal } from '../principal/principal';
import type { Role } from '../principal/vocabulary';
import { REQUIRED_ROLES } from './roles.decorator';

/** `AccessRefused.why` for a caller none of whose roles the route serves (refused before the policy is asked). */
export const ROLE_NOT_SERVED = 'role-not-served';

/**
 * Global guard after authentication: enforces `@Roles(...)` (method overrides class).
 *
 * On a route that names one patient record (`@PatientAccess` with a `target`), the refusal goes on that record's
 * access trail (`AccessRefused`, outcome `forbidden`, why `role-not-served`) before it is answered, as the policy's
 * refusals do. The answer is the same 403 `FORBIDDEN_ROLE` whether the id names a record, names none, or is malformed
 * (nothing is recorded then: it names nobody), so it tells the caller nothing about the record.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const principal = request.principal;
    if (principal && principal.roles.some((role) => required.includes(role))) return true;
    if (principal) await this.recordOnTrail(context, request, principal);
    throw new ForbiddenRoleError();
  }

  private async recordOnTrail(context: ExecutionContext, request: AccessRequest, principal: Principal): Promise<void> {
    const options = this.reflector.get<PatientAccessOptions | undefined>(PATIENT_ACCESS, context.getHandler());
    const id = options?.target ? request.params?.[options.target.param] : undefined;
    if (!options?.target || !id) return;
    let target: AccessTarget | null;
    try {
      target = await accessTargetResolverOf(this.modules).resolve(options.target.type, id, options.target.param, options.resource);
    } catch (error) {
      // A malformed id names no record: the same 403 as any other. Anything else (the store unreachable) is not a
      // refusal we could record, so it is answered as the policy interceptor would answer it.
      if (error instanceof RequestValidationError) return;
      throw error;
    }
    if (!target) return;
    const reason = headerValue(request, BREAK_GLASS_HEADER)?.trim();
    await this.auditor.recordRefusal(principal, {
      patientSubjectId: target.patientSubjectId,
      resource: options.resource,
      correlationId: correlationIdOf(request),
      role: principal.roles[0] ?? 'none',
      action: options.action,
      resourceIds: [id],
      outcome: 'forbidden',
      why: ROLE_NOT_SERVED,
      breakGlassAttempted: reason !== undefined && reason !== '',
    });
  }
}
