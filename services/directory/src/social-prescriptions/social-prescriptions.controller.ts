import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CreatedRecordAccess, CurrentPrincipal, PatientAccess, type Principal, type Role, Roles } from '@stepwell/access';
import { londonCalendarDateOf } from '@stepwell/contracts';
import { ApiIfMatch, CorrelationId, etagOf, type HeaderSink, type Page, PageQuery, RequestValidationError, runCommandCall } from '@stepwell/http';
import { parseWellbeingMeasure, type WellbeingMeasure } from '../domain';
import type { SocialPrescriptionView } from '../shared/social-prescription.view';
import { type SocialPrescriptionContext, SocialPrescriptionWriter } from '../shared/social-prescription-writer';
import {
  CaseloadQuery,
  CommunityReferralRequest,
  CreateSocialPrescriptionRequest,
  DeclineRequest,
  FollowUpMeasureRequest,
  GoalParams,
  GoalProgressRequest,
  ProgressRequest,
  SocialPrescriptionIdParams,
  WhatMattersRequest,
  type WellbeingMeasureRequest,
} from './social-prescription.requests';

/** The link worker's organisation works the prescription; its administrators read it. */
const LINK_WORKER: readonly Role[] = ['link-worker'];
const LINK_WORKER_OR_ADMIN: readonly Role[] = ['link-worker', 'admin'];
const RESOURCE = 'social-prescription';
const TARGET = { type: 'record' as const, param: 'id' };
const ITEMS = { field: 'items', type: 'record' as const, action: 'social-prescription.read' as const };

function measureOf(input: WellbeingMeasureRequest, path: string, today: string): WellbeingMeasure {
  pastDay(input.taken_on, today, `${path}.taken_on`);
  const parsed = parseWellbeingMeasure(input, path);
  if ('errors' in parsed) throw new RequestValidationError(parsed.errors);
  return parsed.measure;
}

/** A day something happened: not after today (the clock's, in Europe/London). */
function pastDay(on: string, today: string, field: string): string {
  if (on > today) throw new RequestValidationError([{ field, messages: [`${field} is after today`] }]);
  return on;
}

/**
 * Social prescriptions (issue 17 item 2): the link worker's referral, the what-matters-to-me conversation, the direct
 * referral to a community service, the community organisation's answer, progress and outcomes. Every route is
 * decided by the one access policy: the link worker's organisation is the prescription's `record-holder`, the
 * community organisation its `social-prescription-recipient` (the minimum-necessary view) while it is asked or has
 * accepted; anyone else gets 404 as for an unknown id. Every answer is an audited read.
 */
@ApiTags('social-prescriptions')
@ApiBearerAuth()
@Controller('social-prescriptions')
export class SocialPrescriptionsController {
  constructor(private readonly writer: SocialPrescriptionWriter) {}

  @Post()
  @Roles(...LINK_WORKER)
  @HttpCode(201)
  @CreatedRecordAccess({ resource: RESOURCE, type: 'record' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key records nothing new and answers as the first time.' })
  @ApiCreatedResponse({ description: 'The referral to the link worker, recorded by a link worker of the caller’s organisation (which then holds it). Location and ETag.' })
  create(
    @Body() body: CreateSocialPrescriptionRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    if (body.source !== 'self' && body.source_organisation_id === undefined) {
      throw new RequestValidationError([{ field: 'source_organisation_id', messages: ['source_organisation_id names the referring organisation unless the person referred themselves'] }]);
    }
    return runCommandCall({ idempotencyKey: key, correlationId, principal, response }, (who) => actorOf(who, LINK_WORKER), (context) =>
      this.writer.create(
        {
          patientSubjectId: body.patient_subject_id,
          source: body.source,
          sourceOrganisationId: body.source_organisation_id ?? null,
          sourceReference: body.source_reference ?? null,
          personName: body.person.name,
          contact: { method: body.person.contact.method, value: body.person.contact.value },
          reason: body.reason,
          consentOrganisationIds: [...new Set(body.consent_to_share_with)],
        },
        context,
      ),
    );
  }

  @Get()
  @Roles(...LINK_WORKER_OR_ADMIN)
  @PatientAccess({ action: 'social-prescription.read', resource: RESOURCE, items: ITEMS })
  @ApiOkResponse({
    description:
      'The prescriptions the caller’s organisation holds (its link workers’ caseload), newest first: { items, page, pageSize, total }. `attention=auto-declined`: only those whose last direct referral was auto-declined after 14 days and not yet referred elsewhere (the link worker is told).',
  })
  caseload(@Query() query: CaseloadQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SocialPrescriptionView>> {
    return this.writer.list('holder', principal, { page: query.page, pageSize: query.pageSize }, query.attention);
  }

  @Get('inbox')
  @Roles(...LINK_WORKER_OR_ADMIN)
  @PatientAccess({ action: 'social-prescription.read', resource: RESOURCE, items: ITEMS })
  @ApiOkResponse({
    description:
      'The community organisation’s inbox: direct referrals to its services awaiting its answer or accepted, newest first, each in the minimum-necessary view.',
  })
  inbox(@Query() page: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<SocialPrescriptionView>> {
    return this.writer.list('recipient', principal, page);
  }

  @Get(':id')
  @PatientAccess({ action: 'social-prescription.read', target: TARGET, resource: RESOURCE })
  @ApiOkResponse({ description: 'The prescription: in full to its link worker’s organisation, the minimum-necessary view to the community organisation; ETag.' })
  async one(@Param() params: SocialPrescriptionIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<SocialPrescriptionView> {
    const { view, revision } = await this.writer.view(params.id);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Post(':id/what-matters')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.manage', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The what-matters-to-me conversation: goals against the whole-life domains and a baseline ONS4 or SWEMWBS.' })
  whatMatters(
    @Param() params: SocialPrescriptionIdParams,
    @Body() body: WhatMattersRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    const baseline = measureOf(body.baseline, 'baseline', this.today());
    const ids = body.goals.map((g) => g.id);
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) throw new RequestValidationError([{ field: `goals[${repeated}].id`, messages: ['goal ids are unique within a prescription'] }]);
    const goals = body.goals.map((g) => ({ id: g.id, domain: g.domain, description: g.description, shareable: g.share_with_community }));
    return this.call(LINK_WORKER, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(params.id, { type: 'RecordWhatMattersConversation', goals, baseline }, context),
    );
  }

  @Post(':id/community-referral')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.manage', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({
    description:
      'A direct referral to a listed community service, with only what the person agreed to share; its organisation has 14 days to answer. 422 UNKNOWN_SERVICE, SERVICE_NOT_ACCEPTING (not active), SERVICE_AT_CAPACITY (no places free), NO_CONSENT_TO_SHARE, GOAL_NOT_SHARED — each naming service_id or shared_goal_ids.',
  })
  async refer(
    @Param() params: SocialPrescriptionIdParams,
    @Body() body: CommunityReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    const service = await this.writer.referredService(body.service_id);
    return this.call(LINK_WORKER, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(
        params.id,
        { type: 'ReferToCommunityService', serviceId: body.service_id, ...service, asks: body.asks, sharedGoalIds: body.shared_goal_ids, safetyNotes: body.safety_notes ?? null },
        context,
      ),
    );
  }

  @Post(':id/accept')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.respond', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The community organisation accepts the direct referral (within 14 days; after: 409 REPLY_WINDOW_CLOSED).' })
  accept(
    @Param() params: SocialPrescriptionIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    return this.call(LINK_WORKER_OR_ADMIN, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(params.id, { type: 'AcceptCommunityReferral' }, context),
    );
  }

  @Post(':id/decline')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.respond', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The community organisation declines, with a reason; it then sees nothing more of the person.' })
  decline(
    @Param() params: SocialPrescriptionIdParams,
    @Body() body: DeclineRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    return this.call(LINK_WORKER_OR_ADMIN, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(params.id, { type: 'DeclineCommunityReferral', reason: body.reason }, context),
    );
  }

  @Post(':id/progress')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.record-progress', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Waiting, started, a session attended or missed, completed, dropped out: the community organisation or the link worker.' })
  progress(
    @Param() params: SocialPrescriptionIdParams,
    @Body() body: ProgressRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    const on = pastDay(body.on, this.today(), 'on');
    return this.call(LINK_WORKER_OR_ADMIN, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(params.id, { type: 'RecordProgress', step: body.step, on }, context),
    );
  }

  @Post(':id/goals/:goalId/progress')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.record-progress', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Progress towards one goal (a shared one, for the community organisation).' })
  goalProgress(
    @Param() params: GoalParams,
    @Body() body: GoalProgressRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    return this.call(LINK_WORKER_OR_ADMIN, { ifMatch, correlationId, principal, response }, async (context) => {
      // The community organisation knows only the goals shared with it: another goal is unknown to it.
      const { view } = await this.writer.view(params.id);
      if (view.link_worker_organisation_id !== principal.organisationId && !view.shared_goals.some((g) => g.id === params.goalId)) {
        throw new RequestValidationError([{ field: 'goalId', messages: ['goalId is not a goal shared with your organisation'] }]);
      }
      return this.writer.act(params.id, { type: 'RecordGoalProgress', goalId: params.goalId, progress: body.progress }, context);
    });
  }

  @Post(':id/follow-up-measure')
  @HttpCode(200)
  @PatientAccess({ action: 'social-prescription.manage', target: TARGET, resource: RESOURCE })
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The follow-up wellbeing measure (ONS4 or SWEMWBS reference and score), by the link worker.' })
  followUp(
    @Param() params: SocialPrescriptionIdParams,
    @Body() body: FollowUpMeasureRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SocialPrescriptionView> {
    const measure = measureOf(body.measure, 'measure', this.today());
    return this.call(LINK_WORKER, { ifMatch, correlationId, principal, response }, (context) =>
      this.writer.act(params.id, { type: 'RecordFollowUpMeasure', measure }, context),
    );
  }

  /** Today in England (Europe/London): a session at 00:30 BST is on the London day, not the UTC one. */
  private today(): string {
    return londonCalendarDateOf(this.writer.now());
  }

  private call(
    roles: readonly Role[],
    call: { ifMatch: string | undefined; correlationId: string; principal: Principal; response: HeaderSink },
    handle: (context: SocialPrescriptionContext) => ReturnType<SocialPrescriptionWriter['act']>,
  ): Promise<SocialPrescriptionView> {
    return runCommandCall(call, (who) => actorOf(who, roles), handle);
  }
}
