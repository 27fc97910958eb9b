import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { AccessAuditor } from '../audit/access-auditor';
import type { Principal } from '../principal/principal';
import { CareRelationshipEntity } from '../relationships/care-relationship.entity';
import { DEFAULT_PROVIDER_RETENTION_DAYS, type AccessAction, type RelationshipKind } from './access-policy';
import type { AccessTarget } from './access-target';
import { decideAccess, type AccessDecision } from './decide-access';
import { relationshipKinds, withoutWithdrawnSharing } from './relationship-kinds';
import { sharingWithdrawn } from '../relationships/sharing-consent';

/** Applies `ACCESS_POLICY` to a principal and a target, reading the relationship projection. */
@Injectable()
export class PolicyAccessService {
  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  get retentionDays(): number {
    return this.options.providerRetentionDays ?? DEFAULT_PROVIDER_RETENTION_DAYS;
  }

  /**
   * The organisation's relationship kinds with the target: from its relationship rows, less those resting on consent
   * to share while the person has withdrawn it for the organisation or its type (issue 15 item 5).
   */
  async kindsOf(organisationId: string, target: AccessTarget, organisationType: string | null = null): Promise<Set<RelationshipKind>> {
    const rows = await this.options.dataSource
      .getRepository(CareRelationshipEntity)
      .find({ where: { organisationId, patientSubjectId: target.patientSubjectId } });
    const related = relationshipKinds(target, rows, this.now(), this.retentionDays);
    const withdrawn = related.size > 0 && (await sharingWithdrawn(this.options.dataSource.manager, target.patientSubjectId, organisationId, organisationType));
    const kinds = withoutWithdrawnSharing(related, withdrawn);
    if (target.holderOrganisationId !== undefined && target.holderOrganisationId === organisationId) kinds.add('record-holder');
    if (target.recipientOrganisationId !== undefined && target.recipientOrganisationId === organisationId) kinds.add('social-prescription-recipient');
    return kinds;
  }

  async decide(principal: Principal, action: AccessAction, target: AccessTarget, breakGlass: boolean): Promise<AccessDecision> {
    const kinds = await this.kindsOf(principal.organisationId, target, principal.organisationType);
    return decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action,
      kinds,
      consentToShare: target.consentToShare,
      awaitingTriage: target.awaitingTriage,
      breakGlass,
    });
  }

  /**
   * For a write a handler can decide only once it has looked its target up (scheduling's and outcomes' owner rules):
   * the same decision and the same audited refusal (`AccessRefused`, before the caller answers) as a `@PatientAccess`
   * route. Returns the refusal's outcome for the service's own 404 (`not-found`: a stranger, told nothing) or 403;
   * `null` when allowed. A write never rests on break-glass (the read-only guard refused it before).
   */
  async refuseWrite(
    principal: Principal,
    action: AccessAction,
    target: AccessTarget,
    audit: { resource: string; correlationId: string },
  ): Promise<'not-found' | 'forbidden' | null> {
    const decision = await this.decide(principal, action, target, false);
    if (decision.allowed) return null;
    await this.auditor.recordRefusal(principal, {
      patientSubjectId: target.patientSubjectId,
      resource: audit.resource,
      correlationId: audit.correlationId,
      role: principal.roles[0] ?? 'none',
      action,
      resourceIds: [target.id],
      outcome: decision.outcome,
      why: decision.why,
      breakGlassAttempted: false,
    });
    return decision.outcome;
  }

  /** The targets the principal may `action` (for a list: filter BEFORE paging, so totals count only these). */
  async visible<T extends AccessTarget>(principal: Principal, action: AccessAction, targets: readonly T[], breakGlass = false): Promise<T[]> {
    const allowed: T[] = [];
    for (const target of targets) if ((await this.decide(principal, action, target, breakGlass)).allowed) allowed.push(target);
    return allowed;
  }
}
