import { Inject, Injectable, type Provider } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RequestValidationError } from '@stepwell/http';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '@stepwell/access';
import type { CommandHandler } from '@stepwell/commands';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { ReferralNotFoundError } from '../domain/referral.errors';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { EpisodeNotFoundError } from '../episodes/episode.errors';
import { PatientIndex } from '../shared/patient-index';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { PatientNotFoundError } from './patient-not-found.error';

/**
 * What the access policy needs to know about a referral, an episode or a patient of this service, read from the
 * streams themselves (no projection lag): whose it is, which referral and episode it belongs to, whether it still
 * awaits triage, and the patient's consent to share.
 */
@Injectable()
export class ReferralsAccessTargets implements AccessTargetResolver {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly index: PatientIndex,
  ) {}

  async resolve(type: AccessTarget['type'], id: string, param = 'id'): Promise<AccessTarget | null> {
    // Every id here is a UUID: a malformed one is the caller's mistake (400 naming the parameter), checked first.
    if (!isUUID(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be a UUID`] }]);
    if (type === 'referral') return this.referral(id);
    if (type === 'episode') return this.episode(id);
    const referrals = await this.index.referralsOf(id);
    if (referrals.length === 0) return null;
    return { type, id, patientSubjectId: id, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: true };
  }

  notFound(type: AccessTarget['type'], id: string): Error {
    if (type === 'referral') return new ReferralNotFoundError(id);
    if (type === 'episode') return new EpisodeNotFoundError();
    return new PatientNotFoundError();
  }

  private async referral(referralId: string): Promise<AccessTarget | null> {
    const { state } = await this.referrals.load(referralStreamId(referralId));
    if (state.status === 'None') return null;
    return {
      type: 'referral',
      id: referralId,
      patientSubjectId: state.patientSubjectId,
      referralId,
      episodeId: state.status === 'Triaged' ? state.episodeId : null,
      awaitingTriage: state.status === 'Received',
      consentToShare: state.consentToShare,
    };
  }

  private async episode(episodeId: string): Promise<AccessTarget | null> {
    const { state } = await this.episodes.load(episodeStreamId(episodeId));
    if (state.status === 'NotOpened') return null;
    const referral = await this.referrals.load(referralStreamId(state.referralId));
    return {
      type: 'episode',
      id: episodeId,
      patientSubjectId: state.patientSubjectId,
      referralId: state.referralId,
      episodeId,
      awaitingTriage: false,
      consentToShare: referral.state.status === 'None' ? false : referral.state.consentToShare,
    };
  }
}

export const referralsAccessTargetsProvider: Provider = { provide: ACCESS_TARGET_RESOLVER, useExisting: ReferralsAccessTargets };
