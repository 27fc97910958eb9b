import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import type { Principal } from '../principal/principal';
import { CareRelationshipEntity } from '../relationships/care-relationship.entity';
import { DEFAULT_PROVIDER_RETENTION_DAYS, type AccessAction, type RelationshipKind } from './access-policy';
import type { AccessTarget } from './access-target';
import { decideAccess, type AccessDecision } from './decide-access';
import { relationshipKinds } from './relationship-kinds';

/** Applies `ACCESS_POLICY` to a principal and a target, reading the relationship projection. */
@Injectable()
export class PolicyAccessService {
  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions) {}

  now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  get retentionDays(): number {
    return this.options.providerRetentionDays ?? DEFAULT_PROVIDER_RETENTION_DAYS;
  }

  async kindsOf(organisationId: string, target: AccessTarget): Promise<Set<RelationshipKind>> {
    const rows = await this.options.dataSource
      .getRepository(CareRelationshipEntity)
      .find({ where: { organisationId, patientSubjectId: target.patientSubjectId } });
    return relationshipKinds(target, rows, this.now(), this.retentionDays);
  }

  async decide(principal: Principal, action: AccessAction, target: AccessTarget, breakGlass: boolean): Promise<AccessDecision> {
    const kinds = await this.kindsOf(principal.organisationId, target);
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

  /** The targets the principal may `action` (for a list: filter BEFORE paging, so totals count only these). */
  async visible<T extends AccessTarget>(principal: Principal, action: AccessAction, targets: readonly T[], breakGlass = false): Promise<T[]> {
    const allowed: T[] = [];
    for (const target of targets) if ((await this.decide(principal, action, target, breakGlass)).allowed) allowed.push(target);
    return allowed;
  }
}
