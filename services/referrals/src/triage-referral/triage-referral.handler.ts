import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import type { Principal } from '@stepwell/access';
import { deterministicUuid } from '@stepwell/decider';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import { NOT_REGISTERED, referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { InvalidMergeTargetError, ReferralNotFoundError } from '../domain/referral.errors';
import { PatientIndex } from '../shared/patient-index';
import type { TriageDecision } from '../domain/referral-triage';
import type { AcceptanceStep } from '../domain/stepped-care/step';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { toReferralView, type ReferralView } from '../shared/referral.view';
import { ProjectionRunner } from '@stepwell/read-models';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';

/** The episode an acceptance of this referral opens: one per referral, the same id on every retry. */
export const episodeIdFor = (referralId: string): string => deterministicUuid(`referrals/episode-of/${referralId}`);

@Injectable()
export class TriageReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly readModels: ProjectionRunner,
    private readonly index: PatientIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A merge names its target (issue 12 item 17): a referral of the **same person** (merged records count as one),
   * still **open** (awaiting triage, or accepted with its episode not discharged) and **visible to the caller**
   * (received by, or its episode provided by, the caller's organisation). Anything else is a 409 problem and
   * nothing is written — the same answer for an unknown id and someone else's referral, so nothing leaks.
   */
  private async assertMergeTarget(referral: Exclude<ReferralState, { status: 'None' }>, targetId: string, principal: Principal): Promise<void> {
    const refuse = (why: string): never => {
      throw new InvalidMergeTargetError(why);
    };
    if (targetId === referral.referralId) refuse('a referral cannot be merged into itself');
    const { state: target } = await this.referrals.load(referralStreamId(targetId));
    if (target.status === 'None') return refuse('the target is not an open referral of the same person that your organisation can see');
    let open = target.status === 'Received' || target.status === 'Incomplete';
    let visible = target.receivingOrganisation === principal.organisationId;
    if (target.status === 'Triaged' && target.episodeId !== null) {
      const { state: episode } = await this.episodes.load(episodeStreamId(target.episodeId));
      if (episode.status !== 'NotOpened') {
        open = episode.status !== 'Discharged';
        visible = visible || episode.providingOrganisationId === principal.organisationId;
      }
    }
    const samePerson = (await this.index.survivorOf(target.patientSubjectId)) === (await this.index.survivorOf(referral.patientSubjectId));
    if (!samePerson || !visible) refuse('the target is not an open referral of the same person that your organisation can see');
    if (!open) refuse('the target referral is closed (withdrawn, triaged without an episode, or its episode discharged)');
  }

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

    if (decision.outcome === 'merge' && (current.state.status === 'Received' || current.state.status === 'Incomplete')) {
      await this.assertMergeTarget(current.state, decision.mergedIntoReferralId, context.principal);
    }

    const decidedAt = this.clock.now();
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
      const opened = await this.episodes.handle(
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
          // The practice captured on the referral, whoever referred (issue 12 item 18): the outcome letter goes there.
          registeredGpPracticeId: state.registeredGpPractice === null || state.registeredGpPractice === NOT_REGISTERED ? null : state.registeredGpPractice,
        },
        { metadata: { ...metadata, occurredAt: state.decidedAt } },
      );
      await this.readModels.waitFor(opened.position);
    }
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(state, context.actor.organisationId), revision: result.revision, decidedNow: result.events.length > 0 };
  }
}
