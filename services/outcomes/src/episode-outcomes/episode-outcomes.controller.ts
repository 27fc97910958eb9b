import { quotedSchema } from '@stepwell/read-models';
import { Body, Controller, Get, Headers, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import { ApiIfMatch, type Clock, CLOCK, type CommandContext, CorrelationId, type HeaderSink, RequestValidationError, runCommandCall } from '@stepwell/http';
import { IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  anxietyDisorderFromIcd10,
  episodeRecordStreamId,
  type EpisodeOutcome,
  type EpisodeOutcomeEvent,
  type EpisodeRecordCommand,
  type EpisodeRecordState,
  type RuleSetRegistry,
} from '../domain';
import { EPISODE_RECORD_COMMANDS } from '../shared/outcomes-commands';
import { CLINICAL_ROLES } from '../shared/outcomes-roles';
import { EpisodeLookup, episodeNotFound } from '../shared/episode.lookup';
import { EpisodeOwnership } from '../shared/episode-ownership';
import { EpisodeIdParams } from '../shared/patient-id.params';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';
import { EpisodeOutcomeEvaluator } from './episode-outcome.evaluator';
import type { EpisodeOutcomeView } from './episode-outcome.view';
import { ProblemDescriptorRequest } from './problem-descriptor.request';
import { RULE_SETS } from '../shared/rule-set-registry.provider';

export class EpisodeOutcomeQuery {
  @ApiPropertyOptional({ example: 'v1', description: 'Rule set; default: the one in force when the episode ended (or today)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  ruleSet?: string;
}

/** The answer to recording an episode's problem descriptor (an audited read of the episode). */
export interface ProblemDescriptorRecorded {
  episodeId: string;
  patientSubjectId: string;
  icd10Code: string | null;
  anxietyDisorder: string | null;
}

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('episodes/:episodeId')
export class EpisodeOutcomesController {
  constructor(
    private readonly episodes: EpisodeLookup,
    private readonly evaluator: EpisodeOutcomeEvaluator,
    private readonly ownership: EpisodeOwnership,
    private readonly dataSource: DataSource,
    @Inject(RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    @Inject(EPISODE_RECORD_COMMANDS)
    private readonly records: CommandHandler<EpisodeRecordCommand, EpisodeOutcomeEvent, EpisodeRecordState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('outcomes')
  @PatientAccess({ action: 'record.read', target: { type: 'episode', param: 'episodeId' }, resource: 'episode-outcome' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({
    description:
      "The episode's outcome flags with explanations under one rule set: for its provider (current, or past within the retention period) or a " +
      'clinician breaking the glass (404 EPISODE_NOT_FOUND to an organisation with no relationship, as for an unknown episode). An audited read.',
  })
  async outcomes(@Param() params: EpisodeIdParams, @Query() query: EpisodeOutcomeQuery): Promise<EpisodeOutcomeView> {
    const episode = await this.episodes.find(params.episodeId);
    if (!episode) throw episodeNotFound();
    const ruleSet = query.ruleSet ? this.ruleSets.byVersion(query.ruleSet) : this.evaluator.ruleSetFor(episode);
    const rows = (await this.dataSource.query(
      `SELECT outcome, computed_at, recorded_version, correction_reason FROM ${quotedSchema(this.dataSource)}."episode_outcome"
        WHERE episode_id = $1 AND rule_set_version = $2`,
      [episode.episodeId, ruleSet.version],
    )) as Array<{ outcome: EpisodeOutcome; computed_at: Date; recorded_version: number | null; correction_reason: string | null }>;
    const recorded = rows[0];
    if (recorded) {
      return {
        episodeId: episode.episodeId,
        patientSubjectId: episode.patientSubjectId,
        ruleSetVersion: ruleSet.version,
        basis: 'recorded',
        computedAt: recorded.computed_at.toISOString(),
        recordedVersion: recorded.recorded_version,
        correctionReason: recorded.correction_reason,
        outcome: recorded.outcome,
      };
    }
    return {
      episodeId: episode.episodeId,
      patientSubjectId: episode.patientSubjectId,
      ruleSetVersion: ruleSet.version,
      basis: 'provisional',
      computedAt: null,
      outcome: await this.evaluator.compute(episode, ruleSet),
    };
  }

  @Put('problem-descriptor')
  @PatientAccess({ action: 'episode.record-outcome', target: { type: 'episode', param: 'episodeId' }, resource: 'problem-descriptor' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({
    description:
      'Recorded; the anxiety measure for outcomes follows from it. Only a clinician of the episode’s provider (403 ACTION_NOT_PERMITTED; 404 to an ' +
      'organisation with no relationship, as for an unknown episode). An audited read. ETag: the episode record’s revision.',
  })
  @ApiIfMatch()
  recordProblemDescriptor(
    @Param() params: EpisodeIdParams,
    @Body() body: ProblemDescriptorRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ProblemDescriptorRecorded> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, CLINICAL_ROLES), (context) =>
      this.problemDescriptor(params.episodeId, body, context),
    );
  }

  private async problemDescriptor(
    episodeId: string,
    body: ProblemDescriptorRequest,
    { principal, correlationId, actor, expectedRevision }: CommandContext<Principal, Actor>,
  ): Promise<{ view: ProblemDescriptorRecorded; revision: number }> {
    if (body.icd10Code === undefined && body.anxietyDisorder === undefined) {
      throw new RequestValidationError([{ field: 'icd10Code', messages: ['give an icd10Code, an anxietyDisorder, or both'] }]);
    }
    // The problem descriptor is the providing organisation's to set (403 NOT_EPISODE_PROVIDER otherwise).
    const episode = await this.ownership.assertProvider({ principal, correlationId }, await this.episodes.find(episodeId), {
      resource: 'problem-descriptor',
    });
    const icd10Code = body.icd10Code ?? null;
    const anxietyDisorder = body.anxietyDisorder !== undefined ? body.anxietyDisorder : icd10Code ? anxietyDisorderFromIcd10(icd10Code) : null;
    const recordedAt = this.clock.now();
    const result = await this.records.handle(
      episodeRecordStreamId(episode.episodeId),
      {
        type: 'RecordProblemDescriptor',
        data: { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, anxietyDisorder, icd10Code, recordedAt },
      },
      { metadata: requestMetadata(correlationId, recordedAt, actor, episode.patientSubjectId), expectedRevision },
    );
    return { view: { episodeId: episode.episodeId, patientSubjectId: episode.patientSubjectId, icd10Code, anxietyDisorder }, revision: result.revision ?? 0 };
  }
}
