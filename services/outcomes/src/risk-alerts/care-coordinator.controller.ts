import { READ_YOUR_WRITES_TIMEOUT_MS } from '../shared/read-your-writes';
import { Body, Controller, Headers, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import { ApiIfMatch, type Clock, CLOCK, type CommandContext, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { IsString, Matches } from 'class-validator';
import { episodeRecordStreamId, type EpisodeOutcomeEvent, type EpisodeRecordCommand, type EpisodeRecordState } from '../domain';
import { EPISODE_RECORD_COMMANDS } from '../shared/outcomes-commands';
import { CLINICAL_ROLES } from '../shared/outcomes-roles';
import { ProjectionRunner } from '@stepwell/read-models';
import { EpisodeLookup, episodeNotFound } from '../shared/episode.lookup';
import { EpisodeIdParams } from '../shared/patient-id.params';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';

export class CareCoordinatorRequest {
  @ApiProperty({ description: 'The clinician (scheduling clinician id or user id) risk alerts on this episode are addressed to' })
  @IsString()
  @Matches(/^[A-Za-z0-9_:.@-]{1,128}$/)
  clinicianId!: string;
}

/**
 * The episode's care coordinator (issue 12 item 8): the named clinician its risk alerts are addressed to, before
 * the clinician of an appointment. Named only by the organisation providing the episode.
 */
/** The answer to naming a care coordinator (an audited read of the episode). */
export interface CareCoordinatorAssigned {
  episodeId: string;
  patientSubjectId: string;
  careCoordinatorId: string;
}

@ApiTags('risk-alerts')
@ApiBearerAuth()
@Controller('episodes/:episodeId/care-coordinator')
export class CareCoordinatorController {
  constructor(
    private readonly episodes: EpisodeLookup,
    private readonly readModels: ProjectionRunner,
    @Inject(EPISODE_RECORD_COMMANDS)
    private readonly records: CommandHandler<EpisodeRecordCommand, EpisodeOutcomeEvent, EpisodeRecordState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put()
  @HttpCode(200)
  @PatientAccess({ action: 'episode.record-outcome', target: { type: 'episode', param: 'episodeId' }, resource: 'care-coordinator' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Named; risk alerts raised from now on are addressed to this clinician and the duty queue. Only a clinician of the episode’s provider (403 ' +
      'ACTION_NOT_PERMITTED; 404 EPISODE_NOT_FOUND to an organisation with no relationship). An audited read. ETag: the episode record’s revision.' })
  assign(
    @Param() params: EpisodeIdParams,
    @Body() body: CareCoordinatorRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CareCoordinatorAssigned> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, CLINICAL_ROLES), (context) =>
      this.assignCoordinator(params.episodeId, body.clinicianId, context),
    );
  }

  private async assignCoordinator(
    episodeId: string,
    clinicianId: string,
    { correlationId, actor, expectedRevision }: CommandContext<Principal, Actor>,
  ): Promise<{ view: CareCoordinatorAssigned; revision: number }> {
    const episode = await this.episodes.find(episodeId);
    if (!episode) throw episodeNotFound();
    // Only the provider gets here: the route's `episode.record-outcome` decision (its record-holder) refused anyone else.
    const assignedAt = this.clock.now();
    const result = await this.records.handle(
      episodeRecordStreamId(episode.episodeId),
      {
        type: 'AssignCareCoordinator',
        data: { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, careCoordinatorId: clinicianId, assignedAt },
      },
      { metadata: requestMetadata(correlationId, assignedAt, actor, episode.patientSubjectId), expectedRevision },
    );
    // The next alert must find them: answer once the read model holds the assignment.
    const last = (await this.records.load(episodeRecordStreamId(episode.episodeId))).recorded.at(-1);
    if (last) await this.readModels.waitFor(last.globalPosition, READ_YOUR_WRITES_TIMEOUT_MS);
    return {
      view: { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, careCoordinatorId: clinicianId },
      revision: result.revision ?? 0,
    };
  }
}
