import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import type { WithdrawalReason } from '../domain/referral.vocabulary';
import { ProjectionRunner } from '@stepwell/read-models';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { toReferralView, type ReferralView } from '../shared/referral.view';
import { ReferralNotFoundError } from '../domain/referral.errors';

@Injectable()
export class WithdrawReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `expectedRevision` is the caller's If-Match: a stale one is refused (412) rather than retried, because the
   * caller decided on a state that is gone. An unknown referral is a 404 whatever If-Match says.
   */
  async handle(
    referralId: string,
    reason: WithdrawalReason,
    context: { correlationId: string; actor: Actor; expectedRevision?: number },
  ): Promise<{ view: ReferralView; revision: number; withdrawnNow: boolean }> {
    const streamId = referralStreamId(referralId);
    const current = await this.referrals.load(streamId);
    if (current.state.status === 'None') throw new ReferralNotFoundError(referralId);

    const withdrawnAt = this.clock.now();
    const result = await this.referrals.handle(
      streamId,
      { type: 'WithdrawReferral', data: { referralId, reason, withdrawnAt } },
      {
        metadata: { ...requestMetadata(context.correlationId, withdrawnAt, context.actor), patientSubjectId: current.state.patientSubjectId },
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    if (result.state.status === 'None' || result.revision === null) throw new ReferralNotFoundError(referralId);
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(result.state, context.actor.organisationId), revision: result.revision, withdrawnNow: result.events.length > 0 };
  }
}
