import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EpisodeFacts } from '../domain';
import { quotedSchemaOf } from '../read-models/outcomes-schema';
import type { EpisodeRow } from '../shared/episode.lookup';

/** The outcome measures (totals) that enter an episode's flags; other questionnaires are kept but not paired. */
const OUTCOME_MEASURE_CODES = ['PHQ-9', 'GAD-7'];

/** Reads an episode's facts for the outcome rules from this service's read models (never from another service). */
@Injectable()
export class EpisodeFactsReader {
  constructor(private readonly dataSource: DataSource) {}

  async factsOf(episode: EpisodeRow): Promise<EpisodeFacts> {
    const s = quotedSchemaOf(this.dataSource);
    const measures = (await this.dataSource.query(
      `SELECT code, total, taken_at FROM ${s}."measure_score"
        WHERE episode_id = $1 AND total IS NOT NULL AND code = ANY($2) ORDER BY taken_at, position`,
      [episode.episodeId, OUTCOME_MEASURE_CODES],
    )) as Array<{ code: string; total: number; taken_at: Date }>;
    const [{ attended }] = (await this.dataSource.query(
      `SELECT count(*)::int AS attended FROM ${s}."episode_attendance" WHERE episode_id = $1 AND is_treatment`,
      [episode.episodeId],
    )) as [{ attended: number }];
    return {
      measures: measures.map((m) => ({ code: m.code, total: m.total, takenAt: m.taken_at.toISOString() })),
      attendedTreatmentAppointments: attended,
      referralEnded: episode.status === 'discharged',
      problemDescriptor:
        episode.anxietyDisorder || episode.icd10Code
          ? { anxietyDisorder: episode.anxietyDisorder, ...(episode.icd10Code ? { icd10Code: episode.icd10Code } : {}) }
          : null,
    };
  }

  /** Every episode id the service knows, for a recompute over history. */
  async allEpisodeIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT episode_id FROM ${quotedSchemaOf(this.dataSource)}."episode" ORDER BY episode_id`)) as Array<{
      episode_id: string;
    }>;
    return rows.map((row) => row.episode_id);
  }
}
