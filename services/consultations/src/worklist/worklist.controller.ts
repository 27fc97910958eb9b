import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, type Role, Roles } from '@stepwell/access';
import { CorrelationId, type Page } from '@stepwell/http';
import { ConsultationAccess } from '../shared/consultation-access';
import { CONSULTATION_ROLES } from '../shared/consultations-roles';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { WorklistParams } from './worklist.params';
import { WorklistQuery, type WorklistItem } from './worklist.query';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class WorklistController {
  constructor(
    private readonly worklist: WorklistQuery,
    private readonly access: ConsultationAccess,
  ) {}

  /**
   * The organisation's own consultations only (each one it is a party to, so `consultation.read` holds for every
   * item by construction); each identified patient on the page is an audited read before the page leaves.
   */
  @Get()
  @Roles(...CONSULTATION_ROLES)
  async find(@Query() params: WorklistParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<Page<WorklistItem>> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    const page = await this.worklist.run(params);
    await this.access.audit(principal, actorOf(principal, CONSULTATION_ROLES).role as Role, page.items, correlationId, 'read');
    return page;
  }
}
