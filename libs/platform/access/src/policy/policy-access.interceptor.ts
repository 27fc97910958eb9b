import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import { AccessAuditor } from '../audit/access-auditor';
import { correlationIdOf } from '../audit/correlation';
import { BREAK_GLASS_HEADER } from '../break-glass/break-glass-policy';
import { BreakGlassService, type PendingBreakGlass } from '../break-glass/break-glass.service';
import { ActionNotPermittedError, OrganisationTypeNotPermittedError, PatientNotIdentifiedError, UnauthenticatedError } from '../errors';
import type { AccessRequest } from '../principal/access-request';
import { headerValue } from '../principal/access-request';
import type { Principal } from '../principal/principal';
import { filterFields, visibleFields } from '../visibility/filter-fields';
import { VISIBILITY, type VisibilityMetadata } from '../visibility/visibility.decorator';
import { isWriteAction, MINIMUM_NECESSARY_FIELDS, SUMMARY_FIELDS, type AccessView } from './access-policy';
import { accessTargetResolverOf, type AccessTarget, type AccessTargetResolver } from './access-target';
import type { AccessDecision } from './decide-access';
import { CREATED_RECORD_ACCESS, PATIENT_ACCESS, type CreatedRecordOptions, type PatientAccessOptions } from './patient-access.decorator';
import { PolicyAccessService } from './policy-access.service';

type RecordLike = Record<string, unknown>;
type Allowed = Extract<AccessDecision, { allowed: true }>;

const isRecord = (value: unknown): value is RecordLike => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one interceptor for `@PatientAccess` and `@CreatedRecordAccess` routes: policy decision before the handler
 * (refusals audited: 404 for a stranger, 403 for a related organisation the policy gives no right), then the
 * response cut to the decided view and the organisation type's `@Visibility`, and one access event per patient in
 * it before it leaves (503 and no body when the audit cannot be written).
 */
@Injectable()
export class PolicyAccessInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PolicyAccessService) private readonly policy: PolicyAccessService,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
    @Inject(BreakGlassService) private readonly breakGlassService: BreakGlassService,
  ) {}

  private resolver: AccessTargetResolver | undefined;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.reflector.get<PatientAccessOptions | undefined>(PATIENT_ACCESS, context.getHandler());
    const created = this.reflector.get<CreatedRecordOptions | undefined>(CREATED_RECORD_ACCESS, context.getHandler());
    if (!options && !created) return next.handle();
    const visibility = this.reflector.getAllAndOverride<VisibilityMetadata | undefined>(VISIBILITY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const principal = request.principal;
    if (!principal) throw new UnauthenticatedError('missing');
    const resolver = this.resolverOrFail();
    const correlationId = correlationIdOf(request);

    // No record is named before the handler (a create, a worklist): an organisation type the resource lists no
    // fields for is refused before anything is read or written, as `@Visibility` alone would.
    if ((created || !options?.target) && visibility && visibleFields(visibility.policy, principal.organisationType) === undefined) {
      throw new OrganisationTypeNotPermittedError();
    }
    if (created) {
      return next.handle().pipe(mergeMap((body) => from(this.readBackCreated(principal, created, body, visibility, correlationId))));
    }
    const opts = options as PatientAccessOptions;
    if (!opts.target) {
      // A worklist (the organisation's own queue): no record is named, each item is decided and audited on its own.
      if (!opts.items) throw new PatientNotIdentifiedError();
      return next.handle().pipe(mergeMap((body) => from(this.releaseWorklist(principal, opts, body, visibility, correlationId))));
    }
    const id = request.params?.[opts.target.param];
    if (!id) throw new PatientNotIdentifiedError();
    const target = await resolver.resolve(opts.target.type, id, opts.target.param, opts.resource);
    if (!target) throw resolver.notFound(opts.target.type, id, opts.resource);
    const reason = headerValue(request, BREAK_GLASS_HEADER)?.trim();
    const breakGlass = reason !== undefined && reason !== '';
    const decision = await this.policy.decide(principal, opts.action, target, breakGlass);
    const facts = { patientSubjectId: target.patientSubjectId, resource: opts.resource, correlationId };
    if (!decision.allowed) {
      await this.auditor.recordRefusal(principal, {
        ...facts,
        role: principal.roles[0] ?? 'none',
        action: opts.action,
        resourceIds: [id],
        outcome: decision.outcome,
        why: decision.why,
        breakGlassAttempted: breakGlass,
      });
      throw decision.outcome === 'not-found' ? resolver.notFound(opts.target.type, id, opts.resource) : new ActionNotPermittedError();
    }
    // Break-glass (the policy allowed it for this read): the reason's length, the method and the window are the
    // break-glass service's; the grant is recorded once the handler has answered, just before the audited read.
    const pending = decision.basis === 'break-glass'
      ? await this.breakGlassService.check(principal, { patientSubjectId: target.patientSubjectId, reason: reason ?? '', method: (request as { method?: string }).method })
      : undefined;
    request.accessDecision = { basis: decision.basis, view: decision.view, role: decision.role, kind: decision.kind };
    return next.handle().pipe(
      mergeMap((body) => from(this.release(principal, opts, target, decision, body, visibility, correlationId, breakGlass, pending))),
    );
  }

  /** The service's resolver (provided in the service's own module under ACCESS_TARGET_RESOLVER). */
  private resolverOrFail(): AccessTargetResolver {
    this.resolver ??= accessTargetResolverOf(this.modules);
    return this.resolver;
  }

  private shape(body: unknown, type: AccessTarget['type'], view: AccessView, principal: Principal, visibility?: VisibilityMetadata, resource?: string): unknown {
    let shaped = body;
    if (view === 'summary' && (type === 'referral' || type === 'episode')) shaped = filterFields(shaped, SUMMARY_FIELDS[type]);
    if (view === 'minimum-necessary') {
      // A resource without a minimum-necessary list releases nothing under that view (a programming error, never sent).
      const fields = resource === undefined ? undefined : MINIMUM_NECESSARY_FIELDS[resource];
      if (!fields) throw new PatientNotIdentifiedError();
      shaped = filterFields(shaped, fields);
    }
    if (visibility) {
      const fields = visibleFields(visibility.policy, principal.organisationType);
      if (fields === undefined) throw new OrganisationTypeNotPermittedError();
      shaped = filterFields(shaped, fields);
    }
    return shaped;
  }

  private async release(
    principal: Principal,
    options: PatientAccessOptions,
    target: AccessTarget,
    decision: Allowed,
    body: unknown,
    visibility: VisibilityMetadata | undefined,
    correlationId: string,
    breakGlass: boolean,
    pending: PendingBreakGlass | undefined,
  ): Promise<unknown> {
    let released: unknown;
    const ids: string[] = [];
    if (options.items && isRecord(body) && Array.isArray(body[options.items.field])) {
      const itemsSpec = options.items;
      const resolver = this.resolverOrFail();
      const items: unknown[] = [];
      for (const item of body[itemsSpec.field] as unknown[]) {
        const itemId = isRecord(item) ? item['id'] : undefined;
        if (typeof itemId !== 'string') throw new PatientNotIdentifiedError();
        const itemTarget = await resolver.resolve(itemsSpec.type, itemId, undefined, options.resource);
        if (!itemTarget || itemTarget.patientSubjectId !== target.patientSubjectId) throw new PatientNotIdentifiedError();
        const itemDecision = await this.policy.decide(principal, itemsSpec.action, itemTarget, decision.basis === 'break-glass' && breakGlass);
        // The handler filtered with `visible`: an item the policy refuses here is a programming error, never sent.
        if (!itemDecision.allowed) throw new PatientNotIdentifiedError();
        items.push(this.shape(item, itemsSpec.type, itemDecision.view, principal, visibility, options.resource));
        ids.push(itemId);
      }
      released = { ...body, [itemsSpec.field]: items };
    } else {
      released = this.shape(body, target.type, decision.view, principal, visibility, options.resource);
      const id = isRecord(body) ? body['id'] : undefined;
      ids.push(typeof id === 'string' ? id : target.id);
    }
    const grantId = pending ? await this.breakGlassService.open(principal, pending, { resource: options.resource, correlationId }) : undefined;
    await this.auditor.recordRead(principal, {
      patientSubjectId: target.patientSubjectId,
      resource: options.resource,
      resourceIds: ids,
      correlationId,
      role: decision.role,
      purpose: decision.basis === 'break-glass' ? 'emergency' : (options.purpose ?? 'direct-care'),
      basis: decision.basis,
      operation: isWriteAction(options.action) ? 'change' : 'read',
      ...(grantId ? { breakGlassGrantId: grantId } : {}),
    });
    return released;
  }

  /**
   * A worklist's answer: every item resolved and decided with the items' action (the handler lists only its own
   * organisation's records, so a refused item is a programming error and nothing is sent), cut to its view and
   * `@Visibility`, then one access event per patient on the page before it leaves.
   */
  private async releaseWorklist(
    principal: Principal,
    options: PatientAccessOptions,
    body: unknown,
    visibility: VisibilityMetadata | undefined,
    correlationId: string,
  ): Promise<unknown> {
    const itemsSpec = options.items as NonNullable<PatientAccessOptions['items']>;
    if (!isRecord(body) || !Array.isArray(body[itemsSpec.field])) throw new PatientNotIdentifiedError();
    const resolver = this.resolverOrFail();
    const items: unknown[] = [];
    const byPatient = new Map<string, { ids: string[]; decision: Allowed }>();
    for (const item of body[itemsSpec.field] as unknown[]) {
      const itemId = isRecord(item) ? item['id'] : undefined;
      if (typeof itemId !== 'string') throw new PatientNotIdentifiedError();
      const itemTarget = await resolver.resolve(itemsSpec.type, itemId, undefined, options.resource);
      if (!itemTarget) throw new PatientNotIdentifiedError();
      const decision = await this.policy.decide(principal, itemsSpec.action, itemTarget, false);
      if (!decision.allowed) throw new PatientNotIdentifiedError();
      items.push(this.shape(item, itemsSpec.type, decision.view, principal, visibility, options.resource));
      const seen = byPatient.get(itemTarget.patientSubjectId);
      if (seen) seen.ids.push(itemId);
      else byPatient.set(itemTarget.patientSubjectId, { ids: [itemId], decision });
    }
    for (const [patientSubjectId, { ids, decision }] of byPatient) {
      await this.auditor.recordRead(principal, {
        patientSubjectId,
        resource: options.resource,
        resourceIds: ids,
        correlationId,
        role: decision.role,
        purpose: options.purpose ?? 'direct-care',
        basis: decision.basis,
        operation: 'read',
      });
    }
    return { ...body, [itemsSpec.field]: items };
  }

  private async readBackCreated(
    principal: Principal,
    options: CreatedRecordOptions,
    body: unknown,
    visibility: VisibilityMetadata | undefined,
    correlationId: string,
  ): Promise<unknown> {
    const id = isRecord(body) ? body[options.idField ?? 'id'] : undefined;
    if (typeof id !== 'string') throw new PatientNotIdentifiedError();
    const resolver = this.resolverOrFail();
    const target = await resolver.resolve(options.type, id, undefined, options.resource);
    if (!target) throw new PatientNotIdentifiedError();
    const decision = await this.policy.decide(principal, `${options.type}.read`, target, false);
    // The creator always relates to what it created (referrer or receiving); anything else is a programming error.
    if (!decision.allowed) throw new ActionNotPermittedError();
    const released = this.shape(body, options.type, decision.view, principal, visibility, options.resource);
    await this.auditor.recordRead(principal, {
      patientSubjectId: target.patientSubjectId,
      resource: options.resource,
      resourceIds: [id],
      correlationId,
      role: decision.role,
      purpose: 'direct-care',
      basis: decision.basis,
    });
    return released;
  }
}
