import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CareRelationshipService, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import type { CommandHandler } from '@stepwell/decider';
import { CorrelationId } from '@stepwell/http';
import { IsString, Matches } from 'class-validator';
import { CLOCK, type Clock } from '../clock';
import { episodeRecordStreamId, OutcomesDomainError, type EpisodeOutcomeEvent, type EpisodeRecordCommand, type EpisodeRecordState } from '../domain';
import { EPISODE_RECORD_COMMANDS } from '../outcomes-commands';
import { CLINICAL_ROLES } from '../outcomes-roles';
import { ProjectionRunner } from '@stepwell/read-models';
import { readableForRequest } from '../shared/readable-for-request';
import { requestMetadata } from '../request-metadata';
import { EpisodeLookup, EpisodeNotFoundError } from '../shared/episode.lookup';
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
@ApiTags('risk-alerts')
@ApiBearerAuth()
@Controller('episodes/:episodeId/care-coordinator')
export class CareCoordinatorController {
  constructor(
    private readonly episodes: EpisodeLookup,
    private readonly relationships: CareRelationshipService,
    private readonly readModels: ProjectionRunner,
    @Inject(EPISODE_RECORD_COMMANDS)
    private readonly records: CommandHandler<EpisodeRecordCommand, EpisodeOutcomeEvent, EpisodeRecordState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'care-coordinator', idField: 'episodeId' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({ description: 'Named; risk alerts raised from now on are addressed to this clinician and the duty queue' })
  async assign(
    @Param() params: EpisodeIdParams,
    @Body() body: CareCoordinatorRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ episodeId: string; patientSubjectId: string; careCoordinatorId: string }> {
    const episode = await this.episodes.find(params.episodeId);
    if (!episode) throw new EpisodeNotFoundError();
    await this.relationships.assertRelationship(principal, episode.patientSubjectId);
    if (principal.organisationId !== episode.providingOrganisationId) {
      throw new OutcomesDomainError('NOT_THE_EPISODE_PROVIDER', 'only the organisation providing the episode names its care coordinator', {
        episodeId: episode.episodeId,
      });
    }
    const assignedAt = this.clock.now().toISOString();
    await this.records.handle(
      episodeRecordStreamId(episode.episodeId),
      {
        type: 'AssignCareCoordinator',
        data: { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, careCoordinatorId: body.clinicianId, assignedAt },
      },
      { metadata: requestMetadata(correlationId, assignedAt, actorOf(principal, CLINICAL_ROLES), episode.patientSubjectId) },
    );
    // The next alert must find them: answer once the read model holds the assignment.
    const last = (await this.records.load(episodeRecordStreamId(episode.episodeId))).recorded.at(-1);
    if (last) await readableForRequest(this.readModels, last.globalPosition);
    return { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, careCoordinatorId: body.clinicianId };
  }
}
