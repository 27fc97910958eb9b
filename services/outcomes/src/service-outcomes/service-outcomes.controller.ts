import { quotedSchema, readModelSchema } from '@stepwell/read-models';
import { notOptedOut } from '@stepwell/personal-data';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { aggregateOrganisation, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CLOCK, type Clock, IsStrictDate } from '@stepwell/http';
import { DataSource } from 'typeorm';
import {
  computeEpisodeOutcome,
  type EpisodeOutcome,
  type OutcomeMetrics,
  type OutcomeRuleSet,
  type RuleSetRegistry,
  summariseOutcomes,
  summariseOutcomesBy,
} from '../domain';
import { EpisodeFactsReader } from '../shared/episode-facts.reader';
import { EpisodeLookup } from '../shared/episode.lookup';
import { RULE_SETS } from '../shared/rule-set-registry.provider';
import { ODS_CODE } from '@stepwell/contracts';

export const GROUP_BY = ['step', 'practice', 'ethnicity', 'deprivation-decile'] as const;
type GroupBy = (typeof GROUP_BY)[number];

export class ServiceOutcomesQuery {
  @ApiPropertyOptional({ description: "ODS code; default the caller's organisation (a commissioner may name any)" })
  @IsOptional()
  @IsString()
  @Matches(ODS_CODE)
  organisation?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Episodes ended on or after this date' })
  @IsOptional()
  @IsStrictDate('either')
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Episodes ended before the end of this date' })
  @IsOptional()
  @IsStrictDate('either')
  to?: string;

  @ApiPropertyOptional({ enum: GROUP_BY })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ example: 'v1', description: 'Rule set of the results; default the one in force today' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  ruleSet?: string;
}

export interface ServiceOutcomesView {
  organisationId: string;
  from: string | null;
  to: string | null;
  ruleSetVersion: string;
  metrics: OutcomeMetrics;
  groupBy: GroupBy | null;
  groups: { group: string; metrics: OutcomeMetrics }[];
  /** Why a grouping shows a single `not-known` group: the dimension is not held by this service. */
  note: string | null;
  /**
   * A local measure, not the national definition: referrals discharged by this organisation, judged on the whole
   * journey (every provider and step, first score to last). Never compare it with national figures.
   */
  localWholeJourney: { label: string; metrics: OutcomeMetrics };
}

export const WHOLE_JOURNEY_LABEL =
  'Local measure (not the national definition): referrals discharged by this organisation, judged over the whole ' +
  'journey across every provider and step';

/**
 * Service outcomes (finished courses, paired-score completeness, recovery and the reliable-change rates) with the
 * national standard beside each rate, from the results kept per rule set for ended episodes. Aggregates only:
 * no patient appears in the response.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics/outcomes')
export class ServiceOutcomesController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly episodes: EpisodeLookup,
    private readonly facts: EpisodeFactsReader,
  ) {}

  @Get()
  @Roles('clinician', 'admin', 'ops')
  @ApiOkResponse({ description: 'Rates with numerators, denominators and national standards, optionally grouped' })
  async outcomes(@Query() query: ServiceOutcomesQuery, @CurrentPrincipal() principal: Principal): Promise<ServiceOutcomesView> {
    // Commissioners see every provider's aggregates; a provider sees its own.
    const organisationId = aggregateOrganisation(principal, query.organisation);
    const ruleSet = query.ruleSet ? this.ruleSets.byVersion(query.ruleSet) : this.ruleSets.inForceOn(this.clock.now());
    // National unit of count (issue 12 item 4): one course at one Talking Therapies provider, credited to that
    // provider, ended by leaving steps 2–3 there or by discharge; a later step up never moves it elsewhere.
    const ended = 'COALESCE(e.course_ended_at, e.discharged_at)';
    const where = ['o.rule_set_version = $1', 'e.course_organisation_id = $2', `${ended} IS NOT NULL`, this.notOptedOut('e.patient_subject_id')];
    const params: unknown[] = [ruleSet.version, organisationId];
    if (query.from) where.push(`${ended} >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`${ended} < ($${params.push(query.to)}::date + 1)`);
    const s = quotedSchema(this.dataSource);
    const rows = (await this.dataSource.query(
      `SELECT o.outcome, e.step FROM ${s}."episode_outcome" o JOIN ${s}."episode" e ON e.episode_id = o.episode_id
        WHERE ${where.join(' AND ')} ORDER BY ${ended}, e.episode_id`,
      params,
    )) as Array<{ outcome: EpisodeOutcome; step: string | null }>;
    const outcomes = rows.map((row) => row.outcome);
    const groupBy = query.groupBy ?? null;
    const known = groupBy === 'step';
    const groups =
      groupBy === null
        ? []
        : summariseOutcomesBy(
            rows.map((row) => ({ group: known ? (row.step ?? 'not-known') : 'not-known', outcome: row.outcome })),
            ruleSet,
          ).sort((a, b) => a.group.localeCompare(b.group));
    return {
      localWholeJourney: { label: WHOLE_JOURNEY_LABEL, metrics: await this.wholeJourney(organisationId, ruleSet, query) },
      organisationId,
      from: query.from ?? null,
      to: query.to ?? null,
      ruleSetVersion: ruleSet.version,
      metrics: summariseOutcomes(outcomes, ruleSet),
      groupBy,
      groups,
      note:
        groupBy !== null && !known
          ? `${groupBy} is not held by the outcomes service yet (no integration event carries it): every episode is in "not-known"`
          : null,
    };
  }

  /**
   * Aggregates are a secondary use: people with a national data opt-out are left out of every figure here (issue 15
   * item 5, hazard H-OO1); their direct care (their own episode's outcome) is unchanged.
   */
  private notOptedOut(subjectColumn: string): string {
    return notOptedOut(readModelSchema(this.dataSource), subjectColumn);
  }

  /** The local whole-journey measure, computed now from every fact of the referrals this organisation discharged. */
  private async wholeJourney(organisationId: string, ruleSet: OutcomeRuleSet, query: ServiceOutcomesQuery): Promise<OutcomeMetrics> {
    const where = ["e.status = 'discharged'", 'e.providing_organisation_id = $1', this.notOptedOut('e.patient_subject_id')];
    const params: unknown[] = [organisationId];
    if (query.from) where.push(`e.discharged_at >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`e.discharged_at < ($${params.push(query.to)}::date + 1)`);
    const rows = (await this.dataSource.query(
      `SELECT e.episode_id FROM ${quotedSchema(this.dataSource)}."episode" e WHERE ${where.join(' AND ')} ORDER BY e.episode_id`,
      params,
    )) as Array<{ episode_id: string }>;
    const outcomes: EpisodeOutcome[] = [];
    for (const { episode_id: episodeId } of rows) {
      const episode = await this.episodes.find(episodeId);
      if (episode) outcomes.push(computeEpisodeOutcome(await this.facts.wholeJourneyFactsOf(episode), ruleSet));
    }
    return summariseOutcomes(outcomes, ruleSet);
  }
}
