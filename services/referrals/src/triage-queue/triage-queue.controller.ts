import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { QUEUE_VISIBILITY } from '../shared/referrals-visibility';
import { TriageQueueQuery } from './triage-queue.query-params';
import { TriageQueueQueryService } from './triage-queue.query';
import { TriageQueuePage } from './triage-queue.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class TriageQueueController {
  constructor(private readonly queue: TriageQueueQueryService) {}

  @Get()
  @Roles('clinician', 'admin')
  // Each row names a person: the caller's organisation needs a relationship with every one, and the read is audited.
  @PatientRecord({ resource: 'referral', itemsField: 'items', purpose: 'direct-care' })
  @Visibility(QUEUE_VISIBILITY, { itemsField: 'items' })
  @ApiOkResponse({ type: TriageQueuePage, description: 'The triage queue of the caller’s own organisation (organisation must be it; 403 otherwise): urgent first, then the longest wait.' })
  async list(@Query() query: TriageQueueQuery, @CurrentPrincipal() principal: Principal): Promise<TriageQueuePage> {
    // An organisation's own queue only: decided before anything (rows, total) is read.
    if (query.organisation !== principal.organisationId) throw new ActionNotPermittedError();
    return this.queue.run(query, new Date());
  }
}
