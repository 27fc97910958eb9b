import { Inject, Injectable } from '@nestjs/common';
import type { CommandHandler } from '@stepwell/commands';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { toReferralView, type ReferralView } from '../shared/referral.view';
import { ReferralNotFoundError } from '../domain/referral.errors';

/**
 * One referral, read by folding its stream (not from a read model): the answer and its ETag are exactly the
 * state a conditional write will be checked against, with no projection lag. A list or search will need a
 * read model; a single referral does not.
 */
@Injectable()
export class GetReferralQuery {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
  ) {}

  /** `viewerOrganisationId`: the caller's organisation (duplicate markers are shown to the receiving one only). */
  async run(referralId: string, viewerOrganisationId: string | null): Promise<{ view: ReferralView; revision: number }> {
    const { state, revision } = await this.referrals.load(referralStreamId(referralId));
    if (state.status === 'None' || revision === null) throw new ReferralNotFoundError(referralId);
    return { view: toReferralView(state, viewerOrganisationId), revision };
  }
}
