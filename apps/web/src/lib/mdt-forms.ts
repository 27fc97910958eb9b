import { type FormResult, isReferralOutcome, referralDetailsOf, type ReferralFormState, REFERRAL_FIELDS, WEB_ANSWER_OUTCOMES } from './consultation-forms';
import type { FieldError } from './problems';

/**
 * The MDT screens' form logic (services/consultations README, `/mdt-meetings`): the list's date range and a case's
 * discussion with its coded decision. A decision is coded as a consultation's outcome, and one that refers the person
 * on carries the same referral details as a specialist's answer (H-MR1) — the same form pieces build them.
 */
export const MDT_DECISIONS = WEB_ANSWER_OUTCOMES;
export const DISCUSSION_FORM_FIELDS = ['summary', 'decision', ...REFERRAL_FIELDS] as const;
export const MDT_LIST_FIELDS = ['from', 'to'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (value: string) => ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** `GET /mdt-meetings` for the caller's organisation, meetings starting within [from, to] (Europe/London dates, either open). */
export function mdtListQueryOf(organisation: string, from: string, to: string): { query: string } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const [f, t] = [from.trim(), to.trim()];
  if (f && !realDate(f)) errors.push({ field: 'from', messages: ['Enter the first date as year-month-day, like 2026-01-31'] });
  if (t && !realDate(t)) errors.push({ field: 'to', messages: ['Enter the last date as year-month-day, like 2026-01-31'] });
  if (errors.length === 0 && f && t && f > t) errors.push({ field: 'from', messages: ['The first date must be on or before the last date'] });
  if (errors.length > 0) return { errors };
  const params = new URLSearchParams({ organisation, pageSize: '100' });
  if (f) params.set('from', f);
  if (t) params.set('to', t);
  return { query: params.toString() };
}

export interface DiscussionFormState {
  summary: string;
  decision: string | null;
  /** False for an anonymous case: it takes no referral (the service refuses one: REFERRAL_NOT_EXPECTED). */
  identified: boolean;
  referral: ReferralFormState;
}

/** `POST /mdt-meetings/{id}/cases/{caseId}/discussion`: the summary, the coded decision, and the referral it asks for. */
export function discussionRequestOf(state: DiscussionFormState, now: Date): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  if (!state.summary.trim()) fail('summary', 'Enter a summary of the discussion');
  if (!state.decision || !(MDT_DECISIONS as readonly string[]).includes(state.decision)) fail('decision', 'Choose the decision');
  else if (!state.identified && isReferralOutcome(state.decision)) fail('decision', 'An anonymous case cannot be referred: choose manage in primary care or no action');
  const referral = state.identified && isReferralOutcome(state.decision) ? referralDetailsOf(state.decision, state.referral, now, fail) : null;
  if (errors.length > 0) return { errors };
  return { body: { summary: state.summary.trim(), decision: state.decision, ...(referral ? { referral } : {}) } };
}
