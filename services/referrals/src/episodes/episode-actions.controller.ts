import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, type Role, Visibility } from '@stepwell/access';
import { deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { type CommandCall, CorrelationId, type HeaderSink, runCommandCall, idempotencyKeyOf } from '@stepwell/http';
import type { CareEpisodeCommand } from '../domain/care-episode';
import { OrganisationRegistry } from '../shared/organisation-registry';
import { EpisodeCommands } from './episode-commands.service';
import { DischargeRequest, EpisodeIdParams, EpisodeNoteRequest, PauseIdParams, StepChangeRequest } from '../shared/episode.requests';
import { EpisodeView } from './episode.view';
import { EPISODE_VISIBILITY } from '../shared/referrals-visibility';
import { ConsultationEvidence } from '../shared/consultation-evidence';

/**
 * Owner-only writes (ACCESS_POLICY): only the organisation providing the episode's current step. Administrative facts
 * (opt-in, availability: `episode.administer`) by its clinicians or admins; clinical decisions (step changes,
 * discharge: `episode.decide`) by its clinicians. Other related organisations get 403, strangers 404. The role lists
 * below only name the role the event records.
 */
const ADMIN_OR_CLINICIAN = ['clinician', 'admin'] as const satisfies readonly Role[];
const CLINICIAN = ['clinician'] as const satisfies readonly Role[];
const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' };

const noteOf = (body: EpisodeNoteRequest) => (body.note ? { note: body.note } : {});

@ApiTags('episodes')
@ApiBearerAuth()
@Controller('episodes')
export class EpisodeActionsController {
  constructor(
    private readonly episodes: EpisodeCommands,
    private readonly organisations: OrganisationRegistry,
    private readonly consultationEvidence: ConsultationEvidence,
  ) {}

  /** Every action runs through the referral command path: If-Match and the principal in, the ETag out. */
  private act(
    episodeId: string,
    roles: readonly Role[],
    call: CommandCall<Principal>,
    command: (at: string, decidedBy: Actor) => CareEpisodeCommand,
  ): Promise<EpisodeView> {
    return runCommandCall(call, (who) => actorOf(who, roles), (context) => this.episodes.run(episodeId, context, command));
  }

  @Post(':id/opt-in')
  @PatientAccess({ action: 'episode.administer', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
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
    return this.act(params.id, ADMIN_OR_CLINICIAN, { ifMatch, correlationId, principal, response }, (at, decidedBy) => ({
      type: 'RecordOptIn',
      episodeId: params.id,
      decidedBy,
      at,
      ...noteOf(body),
    }));
  }

  @Post(':id/pauses')
  @PatientAccess({ action: 'episode.administer', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @HttpCode(201)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EpisodeView, description: 'The waiting clock is paused: the person is unavailable from now. Location: the episode, whose `pauses` holds the new pause.' })
  async pause(
    @Param() params: EpisodeIdParams,
    @Body() body: EpisodeNoteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const pauseId = randomUUID();
    const view = await this.act(params.id, ADMIN_OR_CLINICIAN, { ifMatch, correlationId, principal, response }, (at, decidedBy) => ({
      type: 'PauseWaitingClock',
      episodeId: params.id,
      decidedBy,
      at,
      pauseId,
      reason: 'patient-unavailable',
      ...noteOf(body),
    }));
    // The pause is part of the episode (its `pauses[].pauseId`): the episode is where it can be read.
    response.setHeader('Location', `/episodes/${params.id}`);
    return view;
  }

  @Post(':id/pauses/:pauseId/end')
  @PatientAccess({ action: 'episode.administer', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
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
    return this.act(params.id, ADMIN_OR_CLINICIAN, { ifMatch, correlationId, principal, response }, (at, decidedBy) => ({
      type: 'EndPause',
      episodeId: params.id,
      decidedBy,
      at,
      pauseId: params.pauseId,
      ...noteOf(body),
    }));
  }

  @Post(':id/step-changes')
  @PatientAccess({ action: 'episode.decide', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
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
    idempotencyKeyOf(idempotencyKey);
    await this.organisations.assertKnown(body.providingOrganisation, 'providingOrganisation');
    // Issue 16 item 5: consultation evidence must be a consultation about this episode's patient (422, nothing written).
    if (body.consultationId) await this.consultationEvidence.assertKnown(body.consultationId, (await this.episodes.load(params.id)).state.patientSubjectId);
    // Issue 16 item 6: MDT evidence likewise must be an MDT case about this patient that referrals knows.
    if (body.mdtCaseId) await this.consultationEvidence.assertKnownMdtCase(body.mdtCaseId, (await this.episodes.load(params.id)).state.patientSubjectId);
    const stepChangeId = idempotencyKey ? deterministicUuid(`referrals/step-change/${params.id}/${idempotencyKey}`) : randomUUID();
    return this.act(params.id, CLINICIAN, { ifMatch, correlationId, principal, response }, (at, decidedBy) => ({
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
      ...(body.mdtCaseId ? { mdtCaseId: body.mdtCaseId } : {}),
      ...noteOf(body),
    }));
  }

  @Post(':id/discharge')
  @PatientAccess({ action: 'episode.decide', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
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
    return this.act(params.id, CLINICIAN, { ifMatch, correlationId, principal, response }, (at, decidedBy) => ({
      type: 'Discharge',
      episodeId: params.id,
      decidedBy,
      at,
      reason: body.reason,
      followUpAttempts: body.followUpAttempts ?? null,
      ...noteOf(body),
    }));
  }
}
