import { Inject, Controller, Get, Query } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, CurrentPrincipal, PatientAccess, type Principal, Roles, Visibility } from '@stepwell/access';
import { QUEUE_VISIBILITY } from '../shared/referrals-visibility';
import { TriageQueueQuery } from './triage-queue.query-params';
import { TriageQueueQueryService } from './triage-queue.query';
import { TriageQueuePage } from './triage-queue.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class TriageQueueController {
  constructor(private readonly queue: TriageQueueQueryService, @Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  // The duty clinician works the queue's urgent rows, incomplete referrals with a risk answer among them (issue 12 item 9).
  @Roles('clinician', 'duty-clinician', 'admin')
  // Each row names a person: every referral is decided by the policy (`referral.read`: the receiving organisation), and
  // the read is audited per patient.
  @PatientAccess({ action: 'referral.read', resource: 'referral', items: { field: 'items', type: 'referral', action: 'referral.read' } })
  @Visibility(QUEUE_VISIBILITY, { itemsField: 'items' })
  @ApiOkResponse({ type: TriageQueuePage, description: 'The triage queue of the caller’s own organisation (organisation must be it; 403 otherwise): urgent first (incomplete referrals with a risk answer among them, flagged with their missing answers), then the longest wait.' })
  async list(@Query() query: TriageQueueQuery, @CurrentPrincipal() principal: Principal): Promise<TriageQueuePage> {
    // An organisation's own queue only: decided before anything (rows, total) is read.
    if (query.organisation !== principal.organisationId) throw new ActionNotPermittedError();
    return this.queue.run(query, new Date(this.clock.now()));
  }
}
