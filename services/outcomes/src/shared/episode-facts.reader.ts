import { quotedSchema } from '@stepwell/read-models';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EpisodeFacts } from '../domain';
import type { EpisodeRow } from './episode.lookup';

/** The outcome measures (totals) that enter an episode's flags; other questionnaires are kept but not paired. */
const OUTCOME_MEASURE_CODES = ['PHQ-9', 'GAD-7'];

/** Reads an episode's facts for the outcome rules from this service's read models (never from another service). */
@Injectable()
export class EpisodeFactsReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The facts of the episode's NHS Talking Therapies course (the national unit of count, issue 12 item 4): the
   * attended treatment appointments held by the course's provider, and the scores completed, up to the course's
   * end (leaving steps 2–3 there, or discharge). A later step up to secondary care adds nothing to the course.
   */
  async factsOf(episode: EpisodeRow): Promise<EpisodeFacts> {
    const end = episode.courseEndedAt ?? (episode.status === 'discharged' ? episode.dischargedAt : null);
    return this.read(episode, { organisationId: episode.courseOrganisationId, end, ended: episode.status === 'discharged' || episode.courseEndedAt !== null });
  }

  /**
   * Local measure, not the national definition: the whole journey across every provider and step, from the first
   * score to the last before discharge, ended only at discharge.
   */
  async wholeJourneyFactsOf(episode: EpisodeRow): Promise<EpisodeFacts> {
    return this.read(episode, { organisationId: null, end: null, ended: episode.status === 'discharged' });
  }

  private async read(
    episode: EpisodeRow,
    scope: { organisationId: string | null; end: string | null; ended: boolean },
  ): Promise<EpisodeFacts> {
    const s = quotedSchema(this.dataSource);
    // Scores completed and appointments attended on or before the end date count (a discharge may be dated by its
    // day: a contact later that day, or a late entry for it, still belongs to the course).
    const measures = (await this.dataSource.query(
      `SELECT code, total, taken_at FROM ${s}."measure_score"
        WHERE episode_id = $1 AND total IS NOT NULL AND code = ANY($2)
          AND ($3::timestamptz IS NULL OR taken_at < (date_trunc('day', $3::timestamptz AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')
        ORDER BY taken_at, position`,
      [episode.episodeId, OUTCOME_MEASURE_CODES, scope.end],
    )) as Array<{ code: string; total: number; taken_at: Date }>;
    const [{ attended }] = (await this.dataSource.query(
      `SELECT count(*)::int AS attended FROM ${s}."episode_attendance"
        WHERE episode_id = $1 AND is_treatment
          AND ($2::text IS NULL OR organisation_id IS NULL OR organisation_id = $2)
          AND ($3::timestamptz IS NULL OR attended_at < (date_trunc('day', $3::timestamptz AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')`,
      [episode.episodeId, scope.organisationId, scope.end],
    )) as [{ attended: number }];
    return {
      measures: measures.map((m) => ({ code: m.code, total: m.total, takenAt: m.taken_at.toISOString() })),
      attendedTreatmentAppointments: attended,
      referralEnded: scope.ended,
      problemDescriptor:
        episode.anxietyDisorder || episode.icd10Code
          ? { anxietyDisorder: episode.anxietyDisorder, ...(episode.icd10Code ? { icd10Code: episode.icd10Code } : {}) }
          : null,
    };
  }

  /** Every episode id the service knows, for a recompute over history. */
  async allEpisodeIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT episode_id FROM ${quotedSchema(this.dataSource)}."episode" ORDER BY episode_id`)) as Array<{
      episode_id: string;
    }>;
    return rows.map((row) => row.episode_id);
  }
}
