import { Injectable } from '@nestjs/common';
import type { WithdrawalReason } from '../domain/referral.vocabulary';
import { ReferralAction, type ReferralActionContext, type ReferralActionResult } from '../shared/referral-action';

/** Withdraws a referral before triage (the referrer's or the receiving organisation's decision). */
@Injectable()
export class WithdrawReferralHandler {
  constructor(private readonly action: ReferralAction) {}

  handle(referralId: string, reason: WithdrawalReason, context: ReferralActionContext): Promise<ReferralActionResult> {
    return this.action.run(referralId, (withdrawnAt) => ({ type: 'WithdrawReferral', data: { referralId, reason, withdrawnAt } }), context);
  }
}
