import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PatientRecord, Roles, Visibility } from '@stepwell/access';
import { QUEUE_VISIBILITY } from '../referrals-visibility';
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
  @ApiOkResponse({ type: TriageQueuePage, description: 'The triage queue: urgent first, then the longest wait.' })
  list(@Query() query: TriageQueueQuery): Promise<TriageQueuePage> {
    return this.queue.run(query, new Date());
  }
}
