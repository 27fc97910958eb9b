import { Inject, Injectable } from '@nestjs/common';
import { BreakGlassService } from '../break-glass/break-glass.service';
import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import { CareRelationshipService } from '../relationships/care-relationship.service';
import type { AccessBasis } from './access-events';
import type { AccessContext } from './access-auditor';

/**
 * Decides whether a principal may see a patient's data: on a care relationship, or by break-glass (clinicians
 * only, with a reason, recorded before any data is read). Use it directly where the patient is known only inside
 * a handler; routes marked `@PatientRecord` go through it automatically.
 */
@Injectable()
export class PatientAccessService {
  constructor(
    @Inject(CareRelationshipService) private readonly relationships: CareRelationshipService,
    @Inject(BreakGlassService) private readonly breakGlass: BreakGlassService,
  ) {}

  async authorise(
    principal: Principal,
    context: AccessContext & { breakGlassReason?: string | undefined; method?: string | undefined },
  ): Promise<AccessBasis> {
    if (await this.relationships.hasRelationship(principal.organisationId, context.patientSubjectId, principal.organisationType)) {
      return 'relationship';
    }
    const reason = context.breakGlassReason;
    if (reason === undefined || reason.trim() === '') throw new NoLegitimateRelationshipError();
    // A handler calling this directly has passed validation; it must say its method (break-glass is read-only).
    const pending = await this.breakGlass.check(principal, { patientSubjectId: context.patientSubjectId, reason, method: context.method });
    await this.breakGlass.open(principal, pending, context);
    return 'break-glass';
  }
}
