import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { OrganisationTypeNotPermittedError, UnauthenticatedError } from '../errors';
import type { AccessRequest } from '../principal/access-request';
import { CREATED_RECORD_ACCESS, PATIENT_ACCESS } from '../policy/patient-access.decorator';
import { filterFields, visibleFields } from './filter-fields';
import { VISIBILITY, type VisibilityMetadata } from './visibility.decorator';

/**
 * The one place responses are cut down to what the principal's organisation type may see. It refuses an
 * organisation type with no fields before the handler runs, so nothing is read or audited for it.
 */
@Injectable()
export class FieldVisibilityInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const metadata = this.reflector.getAllAndOverride<VisibilityMetadata | undefined>(VISIBILITY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!metadata || context.getType() !== 'http') return next.handle();
    // `@PatientAccess` routes: the policy interceptor applies the same field policy, after its own decision.
    if (this.reflector.get(PATIENT_ACCESS, context.getHandler()) || this.reflector.get(CREATED_RECORD_ACCESS, context.getHandler())) {
      return next.handle();
    }
    const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
    if (!principal) throw new UnauthenticatedError('missing');
    const fields = visibleFields(metadata.policy, principal.organisationType);
    if (fields === undefined) throw new OrganisationTypeNotPermittedError();
    return next.handle().pipe(map((body: unknown) => filterFields(body, fields, metadata.options)));
  }
}
