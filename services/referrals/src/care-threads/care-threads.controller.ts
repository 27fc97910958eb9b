import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, actorOf, CurrentPrincipal, PatientAccess, type Principal, Roles } from '@stepwell/access';
import type { CommandHandler } from '@stepwell/commands';
import { CorrelationId, etagOf, type HeaderSink, type Page, runCommandCall } from '@stepwell/http';
import { Inject } from '@nestjs/common';
import { CareThreadError, careThreadStreamId, type CareThreadCommand, type CareThreadEvent, type CareThreadState } from '../domain/care-threads/care-thread.decider';
import { ReferralIdParams } from '../shared/referral-id.params';
import { REFERRAL_ROLES } from '../shared/referral-roles';
import { CARE_THREAD_COMMANDS } from './care-thread-watch';
import { CareThreadQuery } from './care-thread.query';
import { CareThreadListQuery, CloseCareThreadRequest, type CareThreadView } from './care-thread.view';
import { CloseCareThreadHandler } from './close-care-thread.handler';

/**
 * Gap watch (issue 18 item 3): the referring organisation's care-seeking threads. Decided by the one access policy:
 * a thread is held by its referring organisation (`record-holder`, `care-thread.read` / `care-thread.close`); any
 * other organisation is told nothing (404, as for an unknown id), and every answer is an audited read.
 */
@ApiTags('care-threads')
@ApiBearerAuth()
@Controller('care-threads')
export class CareThreadsController {
  constructor(
    private readonly query: CareThreadQuery,
    private readonly close: CloseCareThreadHandler,
    @Inject(CARE_THREAD_COMMANDS) private readonly threads: CommandHandler<CareThreadCommand, CareThreadEvent, CareThreadState>,
  ) {}

  @Get()
  @Roles('clinician', 'admin', 'referrer')
  // Each thread is decided by the policy (`care-thread.read`: its referring organisation) and the read audited per patient.
  @PatientAccess({ action: 'care-thread.read', resource: 'care-thread', items: { field: 'items', type: 'record', action: 'care-thread.read' } })
  @ApiOkResponse({ description: 'The caller’s own organisation’s care threads (organisation must be it; 403 otherwise), oldest first, each with every decision, by whom, why and what was suggested.' })
  async list(@Query() query: CareThreadListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CareThreadView>> {
    // An organisation's own threads only: decided before anything (rows, total) is read.
    if (query.organisation !== principal.organisationId) throw new ActionNotPermittedError();
    return this.query.list(query);
  }

  @Get(':id')
  @PatientAccess({ action: 'care-thread.read', target: { type: 'record', param: 'id' }, resource: 'care-thread' })
  @ApiOkResponse({ description: 'One care thread with its ETag (the person’s care-thread stream revision, for If-Match on close). 404 to any organisation but its referring one.' })
  async get(@Param() params: ReferralIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<CareThreadView> {
    const row = await this.query.row(params.id);
    if (!row) throw new CareThreadError('CARE_THREAD_NOT_FOUND', 'No such care thread');
    const { revision } = await this.threads.load(careThreadStreamId(row.patientSubjectId));
    if (revision !== null) response.setHeader('ETag', etagOf(revision));
    return this.query.viewOf(row);
  }

  @Post(':id/close')
  @PatientAccess({ action: 'care-thread.close', target: { type: 'record', param: 'id' }, resource: 'care-thread' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers with the first close and records nothing new.' })
  @ApiOkResponse({ description: 'Closed by the referring organisation with a coded reason; 409 when already resolved; 404 to any other organisation.' })
  async closeThread(
    @Param() params: ReferralIdParams,
    @Body() body: CloseCareThreadRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CareThreadView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, REFERRAL_ROLES), (context) =>
      this.close.handle(params.id, body.reason, context),
    );
  }
}
