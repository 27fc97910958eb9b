import { Injectable } from '@nestjs/common';
import { ReferralStillIncompleteError } from '../domain/referral.errors';
import type { CompletableAnswers, CompletableReferralField } from '../domain/referral-completeness';
import { ReferralAction, type ReferralActionContext, type ReferralActionResult } from '../shared/referral-action';
import { missingAnswersProblem } from '../shared/referral-form';

@Injectable()
export class CompleteReferralHandler {
  constructor(private readonly action: ReferralAction) {}

  /**
   * Supplies the missing answers (If-Match: `expectedRevision`, stale → 412). The referral is then a complete one
   * and follows the normal path (triage, acceptance); answers still missing are a 400 naming each, nothing written.
   */
  async handle(referralId: string, answers: CompletableAnswers, context: ReferralActionContext): Promise<ReferralActionResult> {
    try {
      return await this.action.run(referralId, (completedAt) => ({ type: 'CompleteReferral', data: { referralId, answers, completedAt } }), context);
    } catch (error) {
      if (error instanceof ReferralStillIncompleteError) throw missingAnswersProblem(error.missingFields as CompletableReferralField[], 'still-incomplete');
      throw error;
    }
  }
}
