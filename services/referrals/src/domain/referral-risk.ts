import type { ReferralUrgency } from './referral.vocabulary';

/** The risk indicators a referrer ticks; `notes` is clinical free text and never leaves the service. */
export interface RiskIndicators {
  selfHarm: boolean;
  suicidalThoughts: boolean;
  harmToOthers: boolean;
  notes: string | null;
}

export const URGENT_TRIAGE_REASONS = ['crisis-urgency', 'suicidal-thoughts', 'self-harm', 'harm-to-others'] as const;
export type UrgentTriageReason = (typeof URGENT_TRIAGE_REASONS)[number];

/**
 * Why a referral needs triage at once, or an empty list when it does not. Crisis urgency or suicidal thoughts
 * trigger it (issue 5); once triggered, every flagged risk is named so the triager sees the whole picture.
 */
export function urgentTriageReasons(urgency: ReferralUrgency, risk: RiskIndicators): UrgentTriageReason[] {
  if (urgency !== 'crisis' && !risk.suicidalThoughts) return [];
  const reasons: UrgentTriageReason[] = [];
  if (urgency === 'crisis') reasons.push('crisis-urgency');
  if (risk.suicidalThoughts) reasons.push('suicidal-thoughts');
  if (risk.selfHarm) reasons.push('self-harm');
  if (risk.harmToOthers) reasons.push('harm-to-others');
  return reasons;
}
