import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { ReferralNotFoundError } from '../domain/referral.errors';
import type { IdentityVerificationMethod } from '../domain/referral.vocabulary';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { toReferralView, type ReferralView } from '../shared/referral.view';

/**
 * Records that the person a self-referral names is who they say (hazard H-A1). Its event, published as
 * `referrals.patient-identity-verified`, lets the relationships resting on the referral (the receiving organisation,
 * the provider of the episode it opened) reach the rest of the person's care in every service. The caller's
 * right (the receiving organisation's clinician or admin) was decided by the access policy before this runs.
 */
@Injectable()
export class VerifyIdentityHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    referralId: string,
    method: IdentityVerificationMethod,
    context: { correlationId: string; actor: Actor; expectedRevision?: number },
  ): Promise<{ view: ReferralView; revision: number; verifiedNow: boolean }> {
    const streamId = referralStreamId(referralId);
    const current = await this.referrals.load(streamId);
    if (current.state.status === 'None') throw new ReferralNotFoundError(referralId);
    const verifiedAt = this.clock.now();
    const result = await this.referrals.handle(
      streamId,
      { type: 'VerifyPatientIdentity', data: { referralId, method, verifiedByOrganisation: context.actor.organisationId, verifiedAt } },
      {
        metadata: { ...requestMetadata(context.correlationId, verifiedAt, context.actor), patientSubjectId: current.state.patientSubjectId },
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    if (result.state.status === 'None' || result.revision === null) throw new ReferralNotFoundError(referralId);
    // The relationship rows are part of the read models: the next read already sees the verification.
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(result.state, context.actor.organisationId), revision: result.revision, verifiedNow: result.events.length > 0 };
  }
}
