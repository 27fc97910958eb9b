import { quotedSchema } from '@stepwell/read-models';
import type { DataSource } from 'typeorm';
import { computeEpisodeOutcome, type OutcomeRuleSet } from '../domain';
import { EpisodeFactsReader } from '../shared/episode-facts.reader';
import { EpisodeLookup } from '../shared/episode.lookup';

export interface RecomputeReport {
  ruleSetVersion: string;
  /** Ended episodes whose outcome was (re)computed under the rule set. */
  episodes: number;
  /** Open episodes: their outcome is provisional and is computed when asked for. */
  skippedOpen: number;
}

/**
 * Applies one rule set to every ended episode's recorded facts and keeps the results under that rule set's
 * version. No event is read for rewriting or written: the facts are the read models built from the log, and
 * results under every other rule set are left as they are (their rows have another version in their key).
 */
export async function recomputeOutcomes(dataSource: DataSource, ruleSet: OutcomeRuleSet, computedAt: Date): Promise<RecomputeReport> {
  const episodes = new EpisodeLookup(dataSource);
  const facts = new EpisodeFactsReader(dataSource);
  const table = `${quotedSchema(dataSource)}."episode_outcome"`;
  let computed = 0;
  let skippedOpen = 0;
  for (const episodeId of await facts.allEpisodeIds()) {
    const episode = await episodes.find(episodeId);
    if (!episode) continue;
    if (episode.status !== 'discharged') {
      skippedOpen += 1;
      continue;
    }
    const outcome = computeEpisodeOutcome(await facts.factsOf(episode), ruleSet);
    await dataSource.query(
      `INSERT INTO ${table} (episode_id, rule_set_version, patient_subject_id, outcome, computed_at) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (episode_id, rule_set_version) DO UPDATE SET outcome = EXCLUDED.outcome, computed_at = EXCLUDED.computed_at`,
      [episode.episodeId, ruleSet.version, episode.patientSubjectId, JSON.stringify(outcome), computedAt],
    );
    computed += 1;
  }
  return { ruleSetVersion: ruleSet.version, episodes: computed, skippedOpen };
}
