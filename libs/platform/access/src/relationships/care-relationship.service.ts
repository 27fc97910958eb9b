import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import { DEFAULT_PROVIDER_RETENTION_DAYS } from '../policy/access-policy';
import { relationshipKinds, withoutWithdrawnSharing } from '../policy/relationship-kinds';
import { CareRelationshipEntity } from './care-relationship.entity';
import { sharingWithdrawn } from './sharing-consent';

/** Answers "does this organisation take, or has it taken, part in this patient's care?" from the projection. */
@Injectable()
export class CareRelationshipService {
  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions) {}

  /**
   * The older, patient-wide check (`@PatientRecord`): any relationship with the person, seen from the person as a
   * whole through `relationshipKinds` — so a relationship resting on an unverified self-referral
   * (`unverified-self-referral`, which `ACCESS_POLICY` grants nothing) does not count (hazard H-A1), nor one resting
   * on consent to share while the person has withdrawn it for the organisation or its type (hazard H-CS1).
   */
  async hasRelationship(organisationId: string, patientSubjectId: string, organisationType: string | null = null): Promise<boolean> {
    const rows = await this.options.dataSource.getRepository(CareRelationshipEntity).find({ where: { organisationId, patientSubjectId } });
    const related = relationshipKinds(
      { type: 'patient', referralId: null, episodeId: null },
      rows,
      (this.options.clock ?? (() => new Date()))(),
      this.options.providerRetentionDays ?? DEFAULT_PROVIDER_RETENTION_DAYS,
    );
    const withdrawn = related.size > 0 && (await sharingWithdrawn(this.options.dataSource.manager, patientSubjectId, organisationId, organisationType));
    return [...withoutWithdrawnSharing(related, withdrawn)].some((kind) => kind !== 'unverified-self-referral');
  }

  /** Throws 403 `NO_LEGITIMATE_RELATIONSHIP` (never 404, nothing in the body) when there is none. */
  async assertRelationship(principal: Principal, patientSubjectId: string): Promise<void> {
    if (!(await this.hasRelationship(principal.organisationId, patientSubjectId, principal.organisationType))) {
      throw new NoLegitimateRelationshipError();
    }
  }
}
