import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { ReferralNotFoundError, ReferralStillIncompleteError } from '../domain/referral.errors';
import type { CompletableAnswers, CompletableReferralField } from '../domain/referral-completeness';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { missingAnswersProblem } from '../shared/referral-form';
import { toReferralView, type ReferralView } from '../shared/referral.view';

@Injectable()
export class CompleteReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Supplies the missing answers (If-Match: `expectedRevision`, stale → 412). The referral is then a complete one
   * and follows the normal path (triage, acceptance); answers still missing are a 400 naming each, nothing written.
   */
  async handle(
    referralId: string,
    answers: CompletableAnswers,
    context: { correlationId: string; actor: Actor; expectedRevision?: number },
  ): Promise<{ view: ReferralView; revision: number; completedNow: boolean }> {
    const streamId = referralStreamId(referralId);
    const current = await this.referrals.load(streamId);
    if (current.state.status === 'None') throw new ReferralNotFoundError(referralId);
    const completedAt = this.clock.now();
    let result;
    try {
      result = await this.referrals.handle(
        streamId,
        { type: 'CompleteReferral', data: { referralId, answers, completedAt } },
        {
          metadata: { ...requestMetadata(context.correlationId, completedAt, context.actor), patientSubjectId: current.state.patientSubjectId },
          ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
        },
      );
    } catch (error) {
      if (error instanceof ReferralStillIncompleteError) throw missingAnswersProblem(error.missingFields as CompletableReferralField[], 'still-incomplete');
      throw error;
    }
    if (result.state.status === 'None' || result.revision === null) throw new ReferralNotFoundError(referralId);
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(result.state, context.actor.organisationId), revision: result.revision, completedNow: result.events.length > 0 };
  }
}
