import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import { CareRelationshipEntity } from './care-relationship.entity';

/** Answers "does this organisation take, or has it taken, part in this patient's care?" from the projection. */
@Injectable()
export class CareRelationshipService {
  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions) {}

  async hasRelationship(organisationId: string, patientSubjectId: string): Promise<boolean> {
    const found = await this.options.dataSource.getRepository(CareRelationshipEntity).exists({
      where: { organisationId, patientSubjectId },
    });
    return found;
  }

  /** Throws 403 `NO_LEGITIMATE_RELATIONSHIP` (never 404, nothing in the body) when there is none. */
  async assertRelationship(principal: Principal, patientSubjectId: string): Promise<void> {
    if (!(await this.hasRelationship(principal.organisationId, patientSubjectId))) {
      throw new NoLegitimateRelationshipError();
    }
  }
}
