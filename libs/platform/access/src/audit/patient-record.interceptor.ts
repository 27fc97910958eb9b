import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import { REQUIRED_ROLES } from '../authorisation/roles.decorator';
import { BREAK_GLASS_HEADER, isReadOnlyMethod } from '../break-glass/break-glass-policy';
import { BreakGlassService, type PendingBreakGlass } from '../break-glass/break-glass.service';
import { PatientNotIdentifiedError, UnauthenticatedError } from '../errors';
import type { AccessRequest } from '../principal/access-request';
import { headerValue } from '../principal/access-request';
import type { Principal } from '../principal/principal';
import type { Role } from '../principal/vocabulary';
import type { AccessBasis } from './access-events';
import { AccessAuditor } from './access-auditor';
import { correlationIdOf } from './correlation';
import { PatientAccessService } from './patient-access.service';
import { PATIENT_RECORD, type PatientRecordOptions } from './patient-record.decorator';

type RecordLike = Record<string, unknown>;

function recordsOf(body: unknown, options: PatientRecordOptions): RecordLike[] {
  const list = options.itemsField ? (body as RecordLike | null)?.[options.itemsField] : body;
  const items = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
  return items.filter((item): item is RecordLike => typeof item === 'object' && item !== null);
}

/**
 * The relationship check said no — 403 `NO_LEGITIMATE_RELATIONSHIP`, or a 404 for a stranger (an unknown record and
 * someone else's look the same) — so break-glass may still open the record. Any other refusal stands.
 */
function isRelationshipRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'NO_LEGITIMATE_RELATIONSHIP') return true;
  return error instanceof HttpException && error.getStatus() === 404;
}

/**
 * For `@PatientRecord` routes: relationship (or break-glass) check before the handler when the patient is in the
 * route, a check of every patient in the response after it, and one access event per patient before the response
 * is released. Any failure replaces the response with the error: no data leaves unchecked or unaudited.
 */
@Injectable()
export class PatientRecordInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PatientAccessService) private readonly access: PatientAccessService,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
    @Inject(BreakGlassService) private readonly breakGlass: BreakGlassService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const options = this.reflector.get<PatientRecordOptions | undefined>(PATIENT_RECORD, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AccessRequest & { method?: string }>();
    const principal = request.principal;
    if (!principal) throw new UnauthenticatedError('missing');
    const role = this.actingRole(principal, context);
    const correlationId = correlationIdOf(request);
    const breakGlassReason = headerValue(request, BREAK_GLASS_HEADER);
    let routePatient: string | undefined;
    const granted = new Map<string, AccessBasis>();
    // Break-glass is decided before the handler but recorded only after it answered: a request that fails
    // validation (or finds nothing) leaves no grant.
    const breakGlass = new Map<string, PendingBreakGlass>();
    const authorise = async (patientSubjectId: string): Promise<void> => {
      if (granted.has(patientSubjectId)) return;
      const accessContext = { patientSubjectId, resource: options.resource, correlationId, role };
      // Break-glass opens the one record named in the route, never a search's results: no fishing.
      const mayBreakGlass = patientSubjectId === routePatient && breakGlassReason !== undefined && breakGlassReason.trim() !== '';
      try {
        granted.set(patientSubjectId, await this.access.authorise(principal, accessContext));
        return;
      } catch (error) {
        if (!mayBreakGlass || !isRelationshipRefusal(error)) throw error;
      }
      breakGlass.set(
        patientSubjectId,
        await this.breakGlass.check(principal, { patientSubjectId, reason: breakGlassReason ?? '', method: request.method }),
      );
      granted.set(patientSubjectId, 'break-glass');
    };

    if (options.patientParam) {
      routePatient = request.params?.[options.patientParam];
      if (!routePatient) throw new PatientNotIdentifiedError();
      await authorise(routePatient);
    }

    return next.handle().pipe(
      mergeMap((body) =>
        from(
          (async () => {
            const patientField = options.patientField ?? 'patientSubjectId';
            const idField = options.idField ?? 'id';
            const byPatient = new Map<string, string[]>();
            if (routePatient) byPatient.set(routePatient, []);
            for (const record of recordsOf(body, options)) {
              const patient = record[patientField] ?? routePatient;
              if (typeof patient !== 'string' || patient === '') throw new PatientNotIdentifiedError();
              const ids = byPatient.get(patient) ?? [];
              if (typeof record[idField] === 'string' || typeof record[idField] === 'number') ids.push(String(record[idField]));
              byPatient.set(patient, ids);
            }
            // Check every patient before auditing any: a refused response must not leave "accessed" events.
            for (const patient of byPatient.keys()) await authorise(patient);
            for (const [patientSubjectId, resourceIds] of byPatient) {
              const basis = granted.get(patientSubjectId) ?? 'relationship';
              const pending = breakGlass.get(patientSubjectId);
              const breakGlassGrantId = pending
                ? await this.breakGlass.open(principal, pending, { resource: options.resource, correlationId })
                : undefined;
              await this.auditor.recordRead(principal, {
                patientSubjectId,
                resource: options.resource,
                resourceIds,
                correlationId,
                role: basis === 'break-glass' ? 'clinician' : role,
                purpose: basis === 'break-glass' ? 'emergency' : (options.purpose ?? 'direct-care'),
                basis,
                operation: isReadOnlyMethod(request.method) ? 'read' : 'change',
                breakGlassGrantId,
              });
            }
            return body;
          })(),
        ),
      ),
    );
  }

  private actingRole(principal: Principal, context: ExecutionContext): Role | 'none' {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    return principal.roles.find((role) => !allowed || allowed.includes(role)) ?? 'none';
  }
}
