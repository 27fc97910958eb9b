import { Inject, Injectable } from '@nestjs/common';
import type { CommandHandler } from '@stepwell/commands';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import type { OpenCareItem } from '../domain/patient-identity';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { EPISODE_COMMANDS, episodeStreamId } from './episode-commands';
import { REFERRAL_COMMANDS } from './referral-commands';
import { PatientIndex } from './patient-index';

/**
 * A person's referrals and care episodes, folded from their streams (found through the patient index): the
 * open ones feed the possible-duplicate check, and the episode list is read from here too.
 */
@Injectable()
export class PatientCare {
  constructor(
    private readonly index: PatientIndex,
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
  ) {}

  /** Every referral of the person with its state, oldest first. */
  async referralsOf(patientSubjectId: string): Promise<Array<Exclude<ReferralState, { status: 'None' }>>> {
    const states = [];
    for (const { referralId } of await this.index.referralsOf(patientSubjectId)) {
      const { state } = await this.referrals.load(referralStreamId(referralId));
      if (state.status !== 'None') states.push(state);
    }
    return states;
  }

  /** Every opened episode of the person with its state and revision, oldest first. */
  async episodesOf(patientSubjectId: string): Promise<Array<{ state: Exclude<CareEpisodeState, { status: 'NotOpened' }>; revision: number }>> {
    const episodes = [];
    for (const referral of await this.referralsOf(patientSubjectId)) {
      if (referral.status !== 'Triaged' || referral.episodeId === null) continue;
      const { state, revision } = await this.episodes.load(episodeStreamId(referral.episodeId));
      if (state.status !== 'NotOpened' && revision !== null) episodes.push({ state, revision });
    }
    return episodes;
  }

  /** Referrals awaiting triage and episodes not discharged. */
  async openCareOf(patientSubjectId: string): Promise<OpenCareItem[]> {
    const open: OpenCareItem[] = [];
    for (const referral of await this.referralsOf(patientSubjectId)) {
      if (referral.status === 'Received') {
        open.push({ kind: 'referral', id: referral.referralId, patientSubjectId, organisationId: referral.receivingOrganisation, openedAt: referral.receivedAt });
      }
    }
    for (const { state } of await this.episodesOf(patientSubjectId)) {
      if (state.status === 'Discharged') continue;
      open.push({ kind: 'episode', id: state.episodeId, patientSubjectId, organisationId: state.providingOrganisationId, openedAt: state.opened.at });
    }
    return open;
  }
}
