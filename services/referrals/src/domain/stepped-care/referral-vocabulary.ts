/**
 * The referral vocabularies of issue 5, as the HTTP API spells them. Codes, never free text, so that an event
 * never carries a name or a clinical story where a code will do.
 */

/** Where a referral came from (DOMAIN.md "Referral sources and triage"). */
export const REFERRAL_SOURCES = [
  'gp',
  'self',
  'health-professional',
  'school',
  'job-centre',
  'employer',
  'voluntary-sector',
  'talking-therapies',
  /** A step-down from secondary care. */
  'secondary-care',
  'emergency-department',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/**
 * How fast triage must look at it. `crisis` (and any referral flagging suicidal thoughts) raises an urgent-triage
 * event at once and sorts first in every queue.
 */
export const REFERRAL_URGENCIES = ['routine', 'urgent', 'crisis'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/** Queue order: lower sorts first. */
export const URGENCY_RANK: Readonly<Record<ReferralUrgency, number>> = { crisis: 0, urgent: 1, routine: 2 };

/** The decisions triage can take on a referral. */
export const TRIAGE_OUTCOMES = [
  /** Accepted to a step at a providing organisation: opens a care episode. */
  'accept',
  /** The same patient already has an open referral: this one is folded into it. */
  'merge',
  /** Pointed to a community or voluntary-sector service (directory service, free text until it exists). */
  'signpost',
  /** Sent back to the referrer with advice (for example: manage in primary care, at step 1). */
  'return-with-advice',
  /** Passed urgently to secondary care or the crisis team. */
  'refer-on',
  /** Declined, with a reason from DECLINE_REASONS plus text. */
  'decline',
] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** Where `refer-on` sends a referral. */
export const REFER_ON_DESTINATIONS = ['secondary-care', 'crisis-team'] as const;
export type ReferOnDestination = (typeof REFER_ON_DESTINATIONS)[number];

/**
 * Why triage declines a referral. The list is deliberately short: each reason asks for a different follow-up (by
 * the referrer, the patient or the commissioner), so each is worth counting. Outcomes that have their own triage
 * decision are not decline reasons: a duplicate is `merge`, "needs more than we offer" is `refer-on`,
 * "manage in primary care" or "tell us more" is `return-with-advice`, "better met in the community" is `signpost`.
 * `other` requires text, and what it collects is how this list gets revised (in a new rule-set version).
 */
export const DECLINE_REASONS = [
  /** Not registered with a GP in the area the service is commissioned for. */
  'outside-catchment',
  /** Outside the age range the service is commissioned for (for example, under 18 in an adult service). */
  'outside-age-range',
  /** The person did not consent to the referral or to sharing it. */
  'no-consent',
  /** The person said they do not want the service. */
  'patient-declined',
  /** The service tried and failed to contact the person (attempts recorded in the text). */
  'unable-to-contact',
  /**
   * Already in treatment for the same problem with another service: parallel psychological treatments are not
   * offered.
   */
  'already-in-treatment-elsewhere',
  /**
   * The main need is one this service is not commissioned for and for which no onward referral is appropriate
   * from triage (for example primary substance misuse or dementia, which have their own pathways).
   */
  'primary-need-not-in-scope',
  /** Anything else: the text says what. */
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** A decline whose reason is `other` must say why in text. */
export function declineNeedsText(reason: DeclineReason): boolean {
  return reason === 'other';
}
