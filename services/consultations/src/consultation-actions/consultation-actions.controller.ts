import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { deterministicUuid } from '@stepwell/decider';
import { offeringStreamId, REFERRAL_OUTCOME_STEPS, type ConsultationCommand } from '../domain';
import { OFFERING_COMMANDS, type OfferingCommands } from '../shared/consultations-commands';
import { ConsultationAccess, patientOf } from '../shared/consultation-access';
import { consultationView, type ConsultationView } from '../shared/consultation.view';
import { CONSULTATION_ROLES, SPECIALIST_ROLES } from '../shared/consultations-roles';
import { bySide, ConsultationActionsHandler, type ActionContext } from './consultation-actions.handler';
import {
  AcceptRequest,
  AnswerRequest,
  AssignRequest,
  BookCallRequest,
  ConsultationIdParams,
  OptionalReasonRequest,
  QuestionRequest,
  RatingRequest,
  ReasonRequest,
  RedirectRequest,
  TextRequest,
} from './consultation-actions.requests';

type Call = { ifMatch: string | undefined; idempotencyKey?: string | undefined; correlationId: string; principal: Principal; response: HeaderSink };

/**
 * One consultation and every step on it (issue 16 items 3 and 4). Who may do what is the access policy's
 * (`consultation.read`, `consultation.follow-up`, `consultation.work`, `consultation.answer`, decided on the
 * consultation's own record by ConsultationAccess); `@Roles` names the roles the policy grants, for the route table.
 */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class ConsultationActionsController {
  constructor(
    private readonly actions: ConsultationActionsHandler,
    private readonly access: ConsultationAccess,
    @Inject(OFFERING_COMMANDS) private readonly offerings: OfferingCommands,
  ) {}

  /** The specialisms the consultation service publishes (its offering's pool); null when it publishes none. */
  private async specialistPool(serviceId: string): Promise<string[] | null> {
    const { state } = await this.offerings.load(offeringStreamId(serviceId));
    return state.status === 'Published' ? state.offering.specialistPool.map((p) => p.specialism) : null;
  }

  @Get(':id')
  @Roles(...CONSULTATION_ROLES)
  @ApiOkResponse({ description: 'The consultation (404 to an organisation that is not a party, as for an unknown id)' })
  async findOne(
    @Param() params: ConsultationIdParams,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsultationView> {
    const { state, revision, role } = await this.access.authorise(params.id, principal, 'consultation.read', correlationId);
    await this.access.audit(principal, role, [{ id: params.id, patientSubjectId: patientOf(state) }], correlationId, 'read');
    response.setHeader('ETag', etagOf(revision));
    return consultationView(state);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('clinician', 'admin')
  @ApiIfMatch()
  accept(@Param() p: ConsultationIdParams, @Body() body: AcceptRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.work', () => ({ type: 'AcceptConsultation', assignTo: body.assignTo ?? null, reason: body.reason ?? null }), ctx),
    );
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('clinician', 'admin')
  @ApiIfMatch()
  assign(@Param() p: ConsultationIdParams, @Body() body: AssignRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.work', () => ({ type: 'AssignConsultation', assignTo: body.assignTo, reason: body.reason ?? null }), ctx),
    );
  }

  @Post(':id/information-requests')
  @HttpCode(200)
  @Roles('clinician', 'admin')
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  askForInformation(@Param() p: ConsultationIdParams, @Body() body: QuestionRequest, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') idempotencyKey: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.work', () => ({ type: 'RequestInformation', entryId: this.actions.entryId(p.id, ctx.idempotencyKey), question: body.question }), ctx),
    );
  }

  @Post(':id/information')
  @HttpCode(200)
  @Roles(...CONSULTATION_ROLES)
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  provideInformation(@Param() p: ConsultationIdParams, @Body() body: TextRequest, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') idempotencyKey: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.follow-up', () => ({ type: 'ProvideInformation', entryId: this.actions.entryId(p.id, ctx.idempotencyKey), text: body.text }), ctx),
    );
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...SPECIALIST_ROLES)
  @ApiIfMatch()
  answer(@Param() p: ConsultationIdParams, @Body() body: AnswerRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    const f = body.formulation;
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(
        p.id,
        'consultation.answer',
        async (state): Promise<Omit<Extract<ConsultationCommand, { type: 'AnswerConsultation' }>, 'by' | 'at'>> => ({
          type: 'AnswerConsultation',
          // Issue 16 item 1: the answer's specialism must be one the service publishes (422 SPECIALISM_NOT_IN_POOL).
          specialistPool: (await this.specialistPool(state.request.consultationServiceId)) as Extract<ConsultationCommand, { type: 'AnswerConsultation' }>['specialistPool'],
          formulation: { presentingDifficulties: f.presentingDifficulties, historyAndContext: f.historyAndContext, maintainingFactors: f.maintainingFactors, strengths: f.strengths, risk: f.risk, narrative: f.narrative },
          advice: body.advice,
          outcome: body.outcome,
          specialism: body.specialism,
          // Ids derived from the consultation: one referral request and one proposal per consultation, whoever retries.
          referral: body.referral
            ? {
                referralRequestId: deterministicUuid(`consultations/${p.id}/referral-request`),
                receivingOrganisationId: body.referral.receivingOrganisation,
                targetStep: REFERRAL_OUTCOME_STEPS[body.outcome] ?? 'step-2',
                urgency: body.referral.urgency,
                // The intake answers as given (each may be missing: the decider names what is, 422, nothing written).
                riskIndicators: body.referral.riskIndicators ?? null,
                presentingProblems: body.referral.presentingProblems ?? null,
                consent: body.referral.consent ?? null,
              }
            : null,
          stepChange: body.stepChange
            ? { proposalId: deterministicUuid(`consultations/${p.id}/step-change`), episodeId: body.stepChange.episodeId, providingOrganisationId: body.stepChange.providingOrganisation, proposedStep: body.stepChange.proposedStep }
            : null,
        }),
        ctx,
      ),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...CONSULTATION_ROLES)
  @ApiIfMatch()
  close(@Param() p: ConsultationIdParams, @Body() body: OptionalReasonRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, bySide, () => ({ type: 'CloseConsultation', reason: body.reason ?? null }), ctx),
    );
  }

  @Post(':id/redirect')
  @HttpCode(200)
  @Roles('clinician', 'admin')
  @ApiIfMatch()
  redirect(@Param() p: ConsultationIdParams, @Body() body: RedirectRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.work', () => ({ type: 'RedirectConsultation', toServiceId: body.toService, reason: body.reason }), ctx),
    );
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('clinician', 'admin')
  @ApiIfMatch()
  decline(@Param() p: ConsultationIdParams, @Body() body: ReasonRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.work', () => ({ type: 'DeclineConsultation', reason: body.reason }), ctx),
    );
  }

  @Post(':id/messages')
  @HttpCode(200)
  @Roles(...CONSULTATION_ROLES)
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  postMessage(@Param() p: ConsultationIdParams, @Body() body: TextRequest, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') idempotencyKey: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, bySide, () => ({ type: 'PostMessage', entryId: this.actions.entryId(p.id, ctx.idempotencyKey), text: body.text }), ctx),
    );
  }

  @Post(':id/calls')
  @HttpCode(200)
  @Roles(...CONSULTATION_ROLES)
  @ApiIfMatch()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  bookCall(@Param() p: ConsultationIdParams, @Body() body: BookCallRequest, @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') idempotencyKey: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, idempotencyKey, correlationId, principal, response }, (ctx) =>
      this.actions.act(
        p.id,
        bySide,
        () => ({
          type: 'BookCall',
          id: this.actions.entryId(p.id, ctx.idempotencyKey),
          startsAt: new Date(body.startsAt).toISOString(),
          mode: body.mode,
          attendees: body.attendees.map((a) => ({ role: a.role, organisationId: a.organisation ?? null, userId: a.userId ?? null })),
        }),
        ctx,
      ),
    );
  }

  @Post(':id/rating')
  @HttpCode(200)
  @Roles(...CONSULTATION_ROLES)
  @ApiIfMatch()
  rate(@Param() p: ConsultationIdParams, @Body() body: RatingRequest, @Headers('if-match') ifMatch: string | undefined, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink) {
    return this.run({ ifMatch, correlationId, principal, response }, (ctx) =>
      this.actions.act(p.id, 'consultation.follow-up', () => ({ type: 'RateAdvice', usefulness: body.usefulness, comment: body.comment ?? null }), ctx),
    );
  }

  private run(call: Call, handle: (context: ActionContext) => Promise<{ view: ConsultationView; revision: number }>): Promise<ConsultationView> {
    return runCommandCall(call, (principal) => actorOf(principal, CONSULTATION_ROLES), handle);
  }
}
