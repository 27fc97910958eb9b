import { Injectable } from '@nestjs/common';
import type { IdentityVerificationMethod } from '../domain/referral.vocabulary';
import { ReferralAction, type ReferralActionContext, type ReferralActionResult } from '../shared/referral-action';

/**
 * Records that the person a self-referral names is who they say (hazard H-A1). Its event, published as
 * `referrals.patient-identity-verified`, lets the relationships resting on the referral (the receiving organisation,
 * the provider of the episode it opened) reach the rest of the person's care in every service. The caller's
 * right (the receiving organisation's clinician or admin) was decided by the access policy before this runs; the
 * relationship rows are part of the read models, so the next read already sees the verification.
 */
@Injectable()
export class VerifyIdentityHandler {
  constructor(private readonly action: ReferralAction) {}

  handle(referralId: string, method: IdentityVerificationMethod, context: ReferralActionContext): Promise<ReferralActionResult> {
    return this.action.run(
      referralId,
      (verifiedAt) => ({ type: 'VerifyPatientIdentity', data: { referralId, method, verifiedByOrganisation: context.actor.organisationId, verifiedAt } }),
      context,
    );
  }
}
