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
import { DataSource } from 'typeorm';
import { CareThreadError } from '../domain/care-threads/care-thread.decider';
import { CareThreadRow } from '../read-models/care-thread.entities';

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
    private readonly dataSource: DataSource,
  ) {}

  async resolve(type: AccessTarget['type'], id: string, param = 'id', resource?: string): Promise<AccessTarget | null> {
    // Every id here is a UUID: a malformed one is the caller's mistake (400 naming the parameter), checked first.
    if (!isUUID(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be a UUID`] }]);
    if (type === 'record' && resource === 'care-thread') return this.careThread(id);
    if (type === 'referral') return this.referral(id);
    if (type === 'episode') return this.episode(id);
    const referrals = await this.index.referralsOf(id);
    if (referrals.length === 0) return null;
    return { type, id, patientSubjectId: id, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: true };
  }

  notFound(type: AccessTarget['type'], id: string, resource?: string): Error {
    if (type === 'record' && resource === 'care-thread') return new CareThreadError('CARE_THREAD_NOT_FOUND', 'No such care thread');
    if (type === 'referral') return new ReferralNotFoundError(id);
    if (type === 'episode') return new EpisodeNotFoundError();
    return new PatientNotFoundError();
  }

  /**
   * Gap watch (issue 18): a care-seeking thread is held by its referring organisation (`record-holder`); no
   * relationship row reaches it, so every other organisation is a stranger to it (404).
   */
  private async careThread(threadId: string): Promise<AccessTarget | null> {
    const row = await this.dataSource.getRepository(CareThreadRow).findOneBy({ threadId });
    if (!row) return null;
    return {
      type: 'record',
      id: threadId,
      patientSubjectId: row.patientSubjectId,
      referralId: null,
      episodeId: null,
      awaitingTriage: false,
      consentToShare: true,
      holderOrganisationId: row.referringOrganisationId,
    };
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
      // An incomplete referral awaits triage too (issue 12 item 9); consent not yet answered is no consent.
      awaitingTriage: state.status === 'Received' || state.status === 'Incomplete',
      consentToShare: state.consentToShare === true,
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
      consentToShare: referral.state.status === 'None' ? false : referral.state.consentToShare === true,
    };
  }
}

export const referralsAccessTargetsProvider: Provider = { provide: ACCESS_TARGET_RESOLVER, useExisting: ReferralsAccessTargets };
