import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { type CommandHandler, deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { ReferralNotFoundError } from '../domain/referral.errors';
import type { TriageDecision } from '../domain/referral-triage';
import type { AcceptanceStep } from '../domain/stepped-care/step';
import { EPISODE_COMMANDS, episodeStreamId } from '../episode-commands';
import { toReferralView, type ReferralView } from '../get-referral/referral.view';
import { ReferralsProjection } from '../read-models/referrals-projection';
import { REFERRAL_COMMANDS } from '../referral-commands';
import { requestMetadata } from '../request-metadata';

/** The episode an acceptance of this referral opens: one per referral, the same id on every retry. */
export const episodeIdFor = (referralId: string): string => deterministicUuid(`referrals/episode-of/${referralId}`);

@Injectable()
export class TriageReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly projection: ReferralsProjection,
  ) {}

  /**
   * Records the decision (If-Match: `expectedRevision`), and on acceptance opens the care episode. A repeat of
   * the same decision records nothing new but completes an opening a crash may have left undone.
   */
  async handle(
    referralId: string,
    decision: TriageDecision,
    context: { correlationId: string; actor: Actor; principal: Principal; expectedRevision?: number },
  ): Promise<{ view: ReferralView; revision: number; decidedNow: boolean }> {
    const streamId = referralStreamId(referralId);
    const current = await this.referrals.load(streamId);
    if (current.state.status === 'None') throw new ReferralNotFoundError(referralId);
    // Who may triage was decided by the access policy before this ran (the receiving organisation's clinicians).

    const decidedAt = new Date().toISOString();
    const patientSubjectId = current.state.patientSubjectId;
    const metadata = { ...requestMetadata(context.correlationId, decidedAt, context.actor), patientSubjectId };
    const result = await this.referrals.handle(
      streamId,
      { type: 'TriageReferral', data: { referralId, decision, episodeId: episodeIdFor(referralId), decidedAt } },
      { metadata, ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }) },
    );
    const state = result.state;
    if (state.status === 'None' || result.revision === null) throw new ReferralNotFoundError(referralId);
    if (state.status === 'Triaged' && state.decision.outcome === 'accept' && state.episodeId) {
      await this.episodes.handle(
        episodeStreamId(state.episodeId),
        {
          type: 'OpenEpisode',
          episodeId: state.episodeId,
          decidedBy: context.actor,
          at: state.decidedAt,
          ...(state.decision.note ? { note: state.decision.note } : {}),
          referralId,
          patientSubjectId,
          step: state.decision.step as AcceptanceStep,
          providingOrganisationId: state.decision.providingOrganisationId,
          referralReceivedAt: state.receivedAt,
          registeredGpPracticeId: state.source === 'gp' ? state.referrerOrganisation : null,
        },
        { metadata: { ...metadata, occurredAt: state.decidedAt } },
      );
    }
    await this.projection.catchUp();
    return { view: toReferralView(state), revision: result.revision, decidedNow: result.events.length > 0 };
  }
}
