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
    return {
      patientSubjectId,
      code: definition.code,
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
