import { PartialType, PickType } from '@nestjs/swagger';
import { ReferralFormRequest } from '../shared/receive-referral.request';

/**
 * The answers an incomplete referral lacks (issue 12 item 9), with the intake form's own rules: send the ones its
 * `missingFields` lists. An answer already given may be repeated unchanged, never changed here.
 */
export class CompleteReferralRequest extends PartialType(
  PickType(ReferralFormRequest, [
  'urgency',
  'reason',
  'presentingProblems',
  'registeredGpPractice',
  'consentToShare',
  'riskIndicators',
  ] as const),
) {
  /** Only the missing answers are sent: the others may be left out. */
  static readonly answersMayBeMissing = true;
}
