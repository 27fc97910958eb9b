import { EpisodeDischargedError, episodeNotFound, type EpisodeRow } from './episode.lookup';

/** The episode's current step is provided by another organisation: only its provider writes to it (issue 10). */
export class NotEpisodeProviderError extends Error {
  readonly code = 'NOT_EPISODE_PROVIDER' as const;
  constructor() {
    super('Only the organisation providing this episode may record to it.');
    this.name = 'NotEpisodeProviderError';
  }
}

/**
 * The one owner rule of the outcomes service: a write to an episode (a questionnaire response or measure, an
 * invitation to complete one, the problem descriptor) is made only by the organisation providing the episode's
 * current step, as the referrals service's episode events say. Checked before anything is written.
 *
 * - unknown episode, or another patient's → 404 `EPISODE_NOT_FOUND` (the same answer for both);
 * - provided by another organisation, or its provider not yet known here → 403 `NOT_EPISODE_PROVIDER`;
 * - discharged → 409 `EPISODE_DISCHARGED` (when `open` is required).
 *
 * Break-glass never passes: it grants reading, and the caller's organisation is still not the provider.
 */
export function assertEpisodeProvider(
  episode: EpisodeRow | null,
  expected: { patientSubjectId?: string; organisationId: string; open?: boolean },
): EpisodeRow & { providingOrganisationId: string } {
  if (!episode) throw episodeNotFound();
  if (expected.patientSubjectId !== undefined && episode.patientSubjectId !== expected.patientSubjectId) throw episodeNotFound();
  if (episode.providingOrganisationId === null || episode.providingOrganisationId !== expected.organisationId) throw new NotEpisodeProviderError();
  if (expected.open && episode.status === 'discharged') throw new EpisodeDischargedError();
  return { ...episode, providingOrganisationId: episode.providingOrganisationId };
}
