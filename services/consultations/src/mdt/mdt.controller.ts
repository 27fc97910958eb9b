import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, type Role, Roles } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, etagOf, type HeaderSink, type Page, runCommandCall } from '@stepwell/http';
import type { CommandOutcome } from '@stepwell/http';
import type { MdtMeetingListItem, MdtMeetingView } from '../shared/mdt.view';
import { MdtHandler, type MdtContext } from './mdt.handler';
import { AddMdtCaseRequest, AgreeMdtActionRequest, MdtActionParams, MdtCaseParams, MdtDiscussionRequest, MdtMeetingParams, MdtMeetingsParams, ScheduleMdtMeetingRequest } from './mdt.requests';

/** Who takes part in MDT case discussions: clinicians, admins who run the meeting, and referrers who present a case. */
const MDT_ROLES = ['clinician', 'admin', 'referrer'] as const;
/** Who schedules a meeting: its organisation's clinicians and admins. */
const MDT_ORGANISER_ROLES = ['clinician', 'admin'] as const;

type Call = { ifMatch?: string | undefined; idempotencyKey?: string | undefined; correlationId: string; principal: Principal; response: HeaderSink };

/**
 * MDT case discussions (issue 16 item 6). Who may do what is MdtAccess's, from the meeting's own record through the
 * one access policy (`consultation.read`, `consultation.answer`, `consultation.work`, `record.change`);
 * `@Roles` names the roles the policy grants, for the route table.
 */
@ApiTags('mdt')
@ApiBearerAuth()
@Controller('mdt-meetings')
export class MdtController {
  constructor(private readonly mdt: MdtHandler) {}

  @Post()
  @HttpCode(201)
  @Roles(...MDT_ORGANISER_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ description: 'The meeting, hosted by the caller’s organisation, with Location and ETag' })
  schedule(@Body() body: ScheduleMdtMeetingRequest, @Headers('idempotency-key') idempotencyKey: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ idempotencyKey, correlationId, principal, response }, MDT_ORGANISER_ROLES, (ctx) => this.mdt.schedule(body, ctx));
  }

  @Get()
  @Roles(...MDT_ROLES)
  @ApiOkResponse({ description: 'The meetings the caller’s organisation holds or attends, paged, by start time (403 OTHER_ORGANISATION for another organisation)' })
  list(@Query() params: MdtMeetingsParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<Page<MdtMeetingListItem>> {
    return this.mdt.list(params, principal, actorOf(principal, MDT_ROLES).role as Role, correlationId);
  }

  @Get(':id')
  @Roles(...MDT_ROLES)
  @ApiOkResponse({ description: 'The meeting as the caller may see it (404 to an organisation not in it, as for an unknown id)' })
  async findOne(@Param() params: MdtMeetingParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink): Promise<MdtMeetingView> {
    const { view, revision } = await this.mdt.read(params.id, principal, actorOf(principal, MDT_ROLES).role as Role, correlationId);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Post(':id/cases')
  @HttpCode(200)
  @Roles('clinician', 'referrer')
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  addCase(
    @Param() params: MdtMeetingParams,
    @Body() body: AddMdtCaseRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, ['clinician', 'referrer'], (ctx) => this.mdt.addCase(params.id, body, ctx));
  }

  @Post(':id/cases/:caseId/discussion')
  @HttpCode(200)
  @Roles('clinician')
  @ApiIfMatch()
  discuss(
    @Param() params: MdtCaseParams,
    @Body() body: MdtDiscussionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    return this.run({ ifMatch, correlationId, principal, response }, ['clinician'], (ctx) => this.mdt.discuss(params.id, params.caseId, body, ctx));
  }

  @Post(':id/cases/:caseId/actions')
  @HttpCode(200)
  @Roles(...MDT_ORGANISER_ROLES)
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  agreeAction(
    @Param() params: MdtCaseParams,
    @Body() body: AgreeMdtActionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, MDT_ORGANISER_ROLES, (ctx) => this.mdt.agreeAction(params.id, params.caseId, body, ctx));
  }

  @Post(':id/actions/:actionId/complete')
  @HttpCode(200)
  @Roles(...MDT_ORGANISER_ROLES)
  @ApiIfMatch()
  completeAction(
    @Param() params: MdtActionParams,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    return this.run({ ifMatch, correlationId, principal, response }, MDT_ORGANISER_ROLES, (ctx) => this.mdt.completeAction(params.id, params.actionId, ctx));
  }

  private run(call: Call, roles: readonly Role[], handle: (context: MdtContext) => Promise<CommandOutcome<MdtMeetingView>>): Promise<MdtMeetingView> {
    return runCommandCall({ ifMatch: call.ifMatch, idempotencyKey: call.idempotencyKey, correlationId: call.correlationId, principal: call.principal, response: call.response }, (principal) => actorOf(principal, roles), handle);
  }
}
