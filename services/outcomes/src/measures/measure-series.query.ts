import { quotedSchema } from '@stepwell/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOCK, type Clock, pageEnvelope, pageOffset } from '@stepwell/http';
import { IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { findQuestionnaire, type RuleSetRegistry } from '../domain';
import { RULE_SETS } from '../shared/rule-set-registry.provider';
import { PageQuery } from '../shared/page.query';

export class MeasureSeriesQuery extends PageQuery {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  code!: string;
}

export class MeasurePointView {
  @ApiProperty() responseId!: string;
  @ApiProperty() episodeId!: string;
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ nullable: true }) severityBand!: string | null;
  @ApiPropertyOptional({ nullable: true }) atCaseness!: boolean | null;
  @ApiPropertyOptional({ nullable: true, description: 'SWEMWBS v2: the metric score converted from the raw total' })
  metricScore!: number | null;
  @ApiProperty({ description: 'When the measure was completed' }) takenAt!: string;
}

/**
 * A wellbeing measure a link worker recorded for one of the person's social prescriptions (directory service, issue
 * 17): the baseline at the what-matters-to-me conversation or the follow-up. Beside the therapy scores, never among
 * them: it belongs to no episode and no questionnaire response here.
 */
export class CommunityMeasureView {
  @ApiProperty() prescriptionId!: string;
  @ApiProperty({ description: 'The link worker’s organisation, which recorded it' }) linkWorkerOrganisationId!: string;
  @ApiProperty({ enum: ['baseline', 'follow-up'] }) timing!: 'baseline' | 'follow-up';
  @ApiPropertyOptional({ nullable: true, description: 'SWEMWBS raw total 7–35; null for ONS4' }) total!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'SWEMWBS: the metric score from the raw total (the table of SWEMWBS v2)' }) metricScore!: number | null;
  @ApiPropertyOptional({ nullable: true, type: [Number], description: 'ONS4: satisfied, worthwhile, happy, anxious (0–10)' }) ons4Items!: number[] | null;
  @ApiProperty({ description: 'The day the person completed it (YYYY-MM-DD)' }) takenOn!: string;
  @ApiProperty() recordedAt!: string;
}

/** A patient's scores on one measure over time, with the lines a clinician reads them against. */
export interface MeasureSeries {
  patientSubjectId: string;
  code: string;
  /** Highest possible total: the chart's scale. */
  maxTotal: number;
  /** Caseness cut-off (≥), from the rule set in force (PHQ-9, GAD-7) or the questionnaire; null if none. */
  casenessCutOff: number | null;
  /** Reliable change in points; null if none. */
  reliableChange: number | null;
  /** The rule set the lines come from, when they come from one. */
  ruleSetVersion: string | null;
  items: MeasurePointView[];
  /** SWEMWBS and ONS4: the person's social prescriptions' measures, oldest first (not paged; a few per prescription). */
  communityMeasures: CommunityMeasureView[];
  page: number;
  pageSize: number;
  total: number;
}

@Injectable()
export class MeasureSeriesQueryHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Oldest first. Throws UNKNOWN_QUESTIONNAIRE / QUESTIONNAIRE_NOT_SUPPORTED for a code it cannot chart. */
  async run(patientSubjectId: string, query: MeasureSeriesQuery): Promise<MeasureSeries> {
    const definition = findQuestionnaire(query.code.toUpperCase());
    const ruleSet = this.ruleSets.inForceOn(this.clock.now());
    const thresholds = ruleSet.measures[definition.code];
    const casenessCutOff =
      thresholds?.caseness ?? (definition.caseness?.kind === 'total-at-least' ? definition.caseness.value : null);
    const s = quotedSchema(this.dataSource);
    const params = [patientSubjectId, definition.code];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${s}."measure_score" WHERE patient_subject_id = $1 AND code = $2 AND total IS NOT NULL`,
      params,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT response_id, episode_id, total, severity_band, at_caseness, taken_at, converted_score::float8 AS converted_score FROM ${s}."measure_score"
        WHERE patient_subject_id = $1 AND code = $2 AND total IS NOT NULL ORDER BY taken_at, position LIMIT $3 OFFSET $4`,
      [...params, query.pageSize, pageOffset(query)],
    )) as Array<{ response_id: string; episode_id: string; total: number; severity_band: string | null; at_caseness: boolean | null; taken_at: Date; converted_score: number | null }>;
    const community = (await this.dataSource.query(
      `SELECT prescription_id, link_worker_organisation_id, timing, total, metric_score::float8 AS metric_score, ons4_items, to_char(taken_on, 'YYYY-MM-DD') AS taken_on, recorded_at
         FROM ${s}."community_wellbeing_measure" WHERE patient_subject_id = $1 AND code = $2 ORDER BY taken_on, recorded_at, message_id`,
      params,
    )) as Array<{ prescription_id: string; link_worker_organisation_id: string; timing: 'baseline' | 'follow-up'; total: number | null; metric_score: number | null; ons4_items: number[] | null; taken_on: string; recorded_at: Date }>;
    return {
      patientSubjectId,
      code: definition.code,
      communityMeasures: community.map((row) => ({
        prescriptionId: row.prescription_id,
        linkWorkerOrganisationId: row.link_worker_organisation_id,
        timing: row.timing,
        total: row.total,
        metricScore: row.metric_score,
        ons4Items: row.ons4_items,
        takenOn: row.taken_on,
        recordedAt: row.recorded_at.toISOString(),
      })),
      maxTotal: definition.scoring.kind === 'sum' ? definition.scoring.max : 0,
      casenessCutOff,
      reliableChange: thresholds?.reliableChange ?? definition.reliableChange,
      ruleSetVersion: thresholds ? ruleSet.version : null,
      ...pageEnvelope(
        rows.map((row) => ({
          responseId: row.response_id,
          episodeId: row.episode_id,
          total: row.total,
          severityBand: row.severity_band,
          atCaseness: row.at_caseness,
          metricScore: row.converted_score,
          takenAt: row.taken_at.toISOString(),
        })),
        query,
        total,
      ),
    };
  }
}
