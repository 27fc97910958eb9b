import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, type Role, Roles } from '@stepwell/access';
import { deterministicUuid } from '@stepwell/decider';
import { CorrelationId, etagOf, revisionFromIfMatch } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { checkIdempotencyKey } from '../receive-referral/idempotency-key';
import { EpisodeCommands, type EpisodeRequestContext } from './episode-commands.service';
import { DischargeRequest, EpisodeIdParams, EpisodeNoteRequest, PauseIdParams, StepChangeRequest } from './episode.requests';
import { EpisodeView } from './episode.view';

/** Administrative facts (opt-in, availability) may be recorded by admins; clinical decisions by clinicians only. */
const ADMIN_OR_CLINICIAN = ['clinician', 'admin'] as const satisfies readonly Role[];
const CLINICIAN = ['clinician'] as const satisfies readonly Role[];
const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' };
const noteOf = (body: EpisodeNoteRequest) => (body.note ? { note: body.note } : {});

@ApiTags('episodes')
@ApiBearerAuth()
@Controller('episodes')
export class EpisodeActionsController {
  constructor(private readonly episodes: EpisodeCommands) {}

  private context(principal: Principal, roles: readonly Role[], correlationId: string, ifMatch: string | undefined): EpisodeRequestContext {
    const expectedRevision = revisionFromIfMatch(ifMatch);
    return { correlationId, principal, actor: actorOf(principal, roles), ...(expectedRevision === undefined ? {} : { expectedRevision }) };
  }

  private reply(result: { view: EpisodeView; revision: number }, response: HeaderSink): EpisodeView {
    response.setHeader('ETag', etagOf(result.revision));
    return result.view;
  }

  @Post(':id/opt-in')
  @Roles(...ADMIN_OR_CLINICIAN)
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EpisodeView, description: 'The person opted in (a repeat records nothing new).' })
  async optIn(
    @Param() params: EpisodeIdParams,
    @Body() body: EpisodeNoteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const context = this.context(principal, ADMIN_OR_CLINICIAN, correlationId, ifMatch);
    const result = await this.episodes.run(params.id, context, (at, decidedBy) => ({ type: 'RecordOptIn', episodeId: params.id, decidedBy, at, ...noteOf(body) }));
    return this.reply(result, response);
  }

  @Post(':id/pauses')
  @Roles(...ADMIN_OR_CLINICIAN)
  @HttpCode(201)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EpisodeView, description: 'The waiting clock is paused: the person is unavailable from now.' })
  async pause(
    @Param() params: EpisodeIdParams,
    @Body() body: EpisodeNoteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const context = this.context(principal, ADMIN_OR_CLINICIAN, correlationId, ifMatch);
    const pauseId = randomUUID();
    const result = await this.episodes.run(params.id, context, (at, decidedBy) => ({
      type: 'PauseWaitingClock',
      episodeId: params.id,
      decidedBy,
      at,
      pauseId,
      reason: 'patient-unavailable',
      ...noteOf(body),
    }));
    response.setHeader('Location', `/episodes/${params.id}/pauses/${pauseId}`);
    return this.reply(result, response);
  }

  @Post(':id/pauses/:pauseId/end')
  @Roles(...ADMIN_OR_CLINICIAN)
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EpisodeView, description: 'The person is available again: the waiting clock runs.' })
  async endPause(
    @Param() params: PauseIdParams,
    @Body() body: EpisodeNoteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const context = this.context(principal, ADMIN_OR_CLINICIAN, correlationId, ifMatch);
    const result = await this.episodes.run(params.id, context, (at, decidedBy) => ({
      type: 'EndPause',
      episodeId: params.id,
      decidedBy,
      at,
      pauseId: params.pauseId,
      ...noteOf(body),
    }));
    return this.reply(result, response);
  }

  @Post(':id/step-changes')
  @Roles(...CLINICIAN)
  @HttpCode(201)
  @ApiHeader(IF_MATCH)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key records the move once.' })
  @ApiOkResponse({ type: EpisodeView, description: 'Moved up, down or across, with who decided, why and on what evidence.' })
  async changeStep(
    @Param() params: EpisodeIdParams,
    @Body() body: StepChangeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    checkIdempotencyKey(idempotencyKey);
    const context = this.context(principal, CLINICIAN, correlationId, ifMatch);
    const stepChangeId = idempotencyKey ? deterministicUuid(`referrals/step-change/${params.id}/${idempotencyKey}`) : randomUUID();
    const result = await this.episodes.run(params.id, context, (at, decidedBy) => ({
      type: 'ChangeStep',
      episodeId: params.id,
      decidedBy,
      at,
      stepChangeId,
      toStep: body.to,
      providingOrganisationId: body.providingOrganisation,
      reason: body.reason,
      scores: (body.scores ?? []).map((s) => ({
        measure: s.measure,
        score: s.score,
        recordedAt: s.recordedAt,
        ...(s.observationId ? { observationId: s.observationId } : {}),
      })),
      consultationId: body.consultationId ?? null,
      ...noteOf(body),
    }));
    return this.reply(result, response);
  }

  @Post(':id/discharge')
  @Roles(...CLINICIAN)
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EpisodeView, description: 'Discharged; an outcome letter is requested for the registered GP.' })
  async discharge(
    @Param() params: EpisodeIdParams,
    @Body() body: DischargeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const context = this.context(principal, CLINICIAN, correlationId, ifMatch);
    const result = await this.episodes.run(params.id, context, (at, decidedBy) => ({
      type: 'Discharge',
      episodeId: params.id,
      decidedBy,
      at,
      reason: body.reason,
      followUpAttempts: body.followUpAttempts ?? null,
      ...noteOf(body),
    }));
    return this.reply(result, response);
  }
}
