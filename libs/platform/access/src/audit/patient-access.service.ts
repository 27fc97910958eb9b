import { Inject, Injectable } from '@nestjs/common';
import { BREAK_GLASS_MINIMUM_REASON_LENGTH } from '../break-glass/break-glass-policy';
import { BreakGlassNotPermittedError, BreakGlassReasonTooShortError, NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import { CareRelationshipService } from '../relationships/care-relationship.service';
import type { AccessBasis } from './access-events';
import { AccessAuditor, type AccessContext } from './access-auditor';

/**
 * Decides whether a principal may see a patient's data: on a care relationship, or by break-glass (clinicians
 * only, with a reason, recorded before any data is read). Use it directly where the patient is known only inside
 * a handler; routes marked `@PatientRecord` go through it automatically.
 */
@Injectable()
export class PatientAccessService {
  constructor(
    @Inject(CareRelationshipService) private readonly relationships: CareRelationshipService,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async authorise(
    principal: Principal,
    context: AccessContext & { breakGlassReason?: string | undefined },
  ): Promise<AccessBasis> {
    if (await this.relationships.hasRelationship(principal.organisationId, context.patientSubjectId)) {
      return 'relationship';
    }
    const reason = context.breakGlassReason?.trim();
    if (reason === undefined || reason === '') throw new NoLegitimateRelationshipError();
    if (!principal.roles.includes('clinician')) throw new BreakGlassNotPermittedError();
    if (reason.length < BREAK_GLASS_MINIMUM_REASON_LENGTH) {
      throw new BreakGlassReasonTooShortError(BREAK_GLASS_MINIMUM_REASON_LENGTH);
    }
    await this.auditor.recordBreakGlass(principal, {
      patientSubjectId: context.patientSubjectId,
      resource: context.resource,
      correlationId: context.correlationId,
      role: 'clinician',
      reason,
    });
    return 'break-glass';
  }
}
