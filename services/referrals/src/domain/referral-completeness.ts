import { REFERRAL_COMPLETABLE_FIELDS, type ReferralCompletableField } from '@stepwell/contracts';
import type { ReferralUrgency } from './referral.vocabulary';
import type { UrgentTriageReason } from './referral-risk';

/**
 * Issue 12 item 9 (referral half): a referral with answers missing but a risk answer given is never refused whole —
 * it is received *incomplete*, raises urgent triage at once and is completed later. These are the answers a
 * referral may arrive without; the person (demographics for the patient index), the receiving organisation and the
 * source are never optional (without them nobody can be found or told). An explicit "no" to consent is not a
 * missing answer: it is still refused (400, CONSENT_REQUIRED).
 */
export const COMPLETABLE_REFERRAL_FIELDS = REFERRAL_COMPLETABLE_FIELDS;
export type CompletableReferralField = ReferralCompletableField;

/** A risk question: ticked (true), answered no (false), or not answered (null: only on an incomplete referral). */
export interface RiskAnswers {
  selfHarm: boolean | null;
  suicidalThoughts: boolean | null;
  harmToOthers: boolean | null;
  notes: string | null;
}

/** The completable answers as given; null where the referral arrived without them. */
export interface CompletableAnswers {
  urgency: ReferralUrgency | null;
  reason: string | null;
  presentingProblems: string[] | null;
  registeredGpPractice: string | null;
  consentToShare: boolean | null;
  riskIndicators: RiskAnswers;
}

const RISK_FIELDS = ['selfHarm', 'suicidalThoughts', 'harmToOthers'] as const;

/** The required answers the referral arrived without, in the form's order (empty for a complete referral). */
export function missingReferralFields(answers: CompletableAnswers): CompletableReferralField[] {
  const missing: CompletableReferralField[] = [];
  if (answers.urgency === null) missing.push('urgency');
  if (answers.reason === null) missing.push('reason');
  if (answers.presentingProblems === null) missing.push('presentingProblems');
  if (answers.registeredGpPractice === null) missing.push('registeredGpPractice');
  if (answers.consentToShare === null) missing.push('consentToShare');
  for (const field of RISK_FIELDS) if (answers.riskIndicators[field] === null) missing.push(`riskIndicators.${field}`);
  return missing;
}

/**
 * The risk answers an incomplete referral carries: crisis urgency or any risk ticked. Each one is a reason for
 * urgent triage — an incomplete referral is received only because of them, so it is always urgent by risk (a
 * complete referral keeps the narrower rule of `urgentTriageReasons`: crisis or suicidal thoughts).
 */
export function riskAnswersGiven(urgency: ReferralUrgency | null, risk: RiskAnswers): UrgentTriageReason[] {
  const reasons: UrgentTriageReason[] = [];
  if (urgency === 'crisis') reasons.push('crisis-urgency');
  if (risk.suicidalThoughts === true) reasons.push('suicidal-thoughts');
  if (risk.selfHarm === true) reasons.push('self-harm');
  if (risk.harmToOthers === true) reasons.push('harm-to-others');
  return reasons;
}

/** What a missing answer means, for the RFC 9457 problem details of the 202 and of a refusal. */
export const MISSING_FIELD_DETAIL: Record<CompletableReferralField, string> = {
  urgency: 'urgency is required: routine, urgent or crisis',
  reason: 'reason is required: the reason for referral',
  presentingProblems: 'presentingProblems is required: the presenting problems (an empty list when none are named)',
  registeredGpPractice: 'registeredGpPractice is required: an ODS code or not-registered (a GP practice referring names itself)',
  consentToShare: 'consentToShare is required: the person’s consent to share the referral (true)',
  'riskIndicators.selfHarm': 'riskIndicators.selfHarm is required: true or false',
  'riskIndicators.suicidalThoughts': 'riskIndicators.suicidalThoughts is required: true or false',
  'riskIndicators.harmToOthers': 'riskIndicators.harmToOthers is required: true or false',
};
