import { Inject, Injectable } from '@nestjs/common';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { ReferralNotFoundError } from '../domain/referral.errors';
import { REFERRAL_COMMANDS } from './referral-commands';
import { toReferralView, type ReferralView } from './referral.view';

/** Who acts on a referral, and the revision they decided on (If-Match). */
export interface ReferralActionContext {
  correlationId: string;
  actor: Actor;
  expectedRevision?: number;
}

/** What an action on a referral answers: the referral as the caller's organisation sees it, and whether it changed. */
export interface ReferralActionResult {
  view: ReferralView;
  revision: number;
  /** False when the referral already showed the action (a repeat records nothing). */
  changed: boolean;
}

/**
 * The one path of an action on an existing referral (withdraw, complete, verify identity): an unknown referral is a
 * 404 whatever If-Match says; the command is decided at one instant of the service clock under the caller's
 * If-Match (a stale one is refused, 412, rather than retried: the caller decided on a state that is gone), with the
 * person's subject id on the event for the access trail and the case history; the answer waits until the read
 * models (the queue, the care relationships) hold the change, so the next read sees it.
 */
@Injectable()
export class ReferralAction {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(referralId: string, command: (at: string) => ReferralCommand, context: ReferralActionContext): Promise<ReferralActionResult> {
    const streamId = referralStreamId(referralId);
    const current = await this.referrals.load(streamId);
    if (current.state.status === 'None') throw new ReferralNotFoundError(referralId);
    const at = this.clock.now();
    const result = await this.referrals.handle(streamId, command(at), {
      metadata: { ...requestMetadata(context.correlationId, at, context.actor), patientSubjectId: current.state.patientSubjectId },
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
    });
    if (result.state.status === 'None' || result.revision === null) throw new ReferralNotFoundError(referralId);
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(result.state, context.actor.organisationId), revision: result.revision, changed: result.events.length > 0 };
  }
}
