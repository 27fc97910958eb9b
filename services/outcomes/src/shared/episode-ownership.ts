import { Inject, Injectable } from '@nestjs/common';
import { PolicyAccessService, type Principal } from '@stepwell/access';
import { EpisodeDischargedError, EpisodeNotFoundError, type EpisodeRow } from './episode.lookup';

/** The episode's current step is provided by another organisation: only its provider writes to it (issue 10). */
export class NotEpisodeProviderError extends Error {
  readonly code = 'NOT_EPISODE_PROVIDER' as const;
  constructor() {
    super('Only the organisation providing this episode may record to it.');
    this.name = 'NotEpisodeProviderError';
  }
}

/** Who is asking, for the policy decision and its audited refusal. */
export interface AccessCaller {
  principal: Principal;
  correlationId: string;
}

/**
 * The one owner rule of the outcomes service, a cell of the one access policy (`episode.record-outcome` of
 * `ACCESS_POLICY`, `@stepwell/access`): a write to an episode (a questionnaire response or measure, an invitation to
 * complete one, the problem descriptor) is made only by the organisation providing the episode's current step as
 * outcomes' episode read model says (from the referrals service's episode events) — its `record-holder`. Checked
 * before anything is written; a refusal is audited as referrals' are (one `AccessRefused`, nothing else).
 *
 * - unknown episode, or another patient's → 404 `EPISODE_NOT_FOUND` (the same answer for both; nothing recorded);
 * - an organisation with no relationship with the patient → 404 `EPISODE_NOT_FOUND` too (a stranger learns nothing);
 * - related, but the episode is provided by another organisation, or its provider not yet known here → 403 `NOT_EPISODE_PROVIDER`;
 * - discharged → 409 `EPISODE_DISCHARGED` (when `open` is required).
 *
 * Break-glass never passes: it grants reading, and the caller's organisation is still not the provider.
 */
@Injectable()
export class EpisodeOwnership {
  constructor(@Inject(PolicyAccessService) private readonly policy: PolicyAccessService) {}

  async assertProvider(
    caller: AccessCaller,
    episode: EpisodeRow | null,
    expected: { patientSubjectId?: string; open?: boolean; resource: string },
  ): Promise<EpisodeRow & { providingOrganisationId: string }> {
    if (!episode) throw new EpisodeNotFoundError();
    if (expected.patientSubjectId !== undefined && episode.patientSubjectId !== expected.patientSubjectId) throw new EpisodeNotFoundError();
    const refused = await this.policy.refuseWrite(
      caller.principal,
      'episode.record-outcome',
      {
        type: 'episode',
        id: episode.episodeId,
        patientSubjectId: episode.patientSubjectId,
        referralId: null,
        episodeId: episode.episodeId,
        awaitingTriage: false,
        consentToShare: false,
        holderOrganisationId: episode.providingOrganisationId,
      },
      { resource: expected.resource, correlationId: caller.correlationId },
    );
    if (refused === 'not-found') throw new EpisodeNotFoundError();
    if (refused === 'forbidden' || episode.providingOrganisationId === null) throw new NotEpisodeProviderError();
    if (expected.open && episode.status === 'discharged') throw new EpisodeDischargedError();
    return { ...episode, providingOrganisationId: episode.providingOrganisationId };
  }
}
