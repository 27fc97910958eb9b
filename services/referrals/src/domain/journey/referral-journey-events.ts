/**
 * How the journey reads the referral stream's events. The referral decider (`../referral.decider.ts`) owns their
 * shapes; the journey reads them defensively, field by field, so that a new field or a new version never breaks a
 * replay. Triage events do not exist yet: their expected names and fields are listed here so that the referral
 * decider can follow them (or this table can follow it) when triage lands.
 */

/** The referral's status after each event type, as the journey shows it. */
export const REFERRAL_STATUS_AFTER: Readonly<Record<string, string>> = {
  ReferralReceived: 'received',
  // Issue 12 item 9: received with answers missing (a risk answer given), then completed into a whole referral.
  IncompleteReferralReceived: 'incomplete',
  ReferralCompleted: 'received',
  ReferralWithdrawn: 'withdrawn',
  ReferralAccepted: 'accepted',
  ReferralMerged: 'merged',
  ReferralSignposted: 'signposted',
  ReferralReturnedWithAdvice: 'returned-with-advice',
  ReferralReferredOn: 'referred-on',
  ReferralDeclined: 'declined',
};

/** The triage outcome each triage event records (vocabulary of `stepped-care/referral-vocabulary.ts`). */
export const TRIAGE_OUTCOME_OF: Readonly<Record<string, string>> = {
  ReferralAccepted: 'accept',
  ReferralMerged: 'merge',
  ReferralSignposted: 'signpost',
  ReferralReturnedWithAdvice: 'return-with-advice',
  ReferralReferredOn: 'refer-on',
  ReferralDeclined: 'decline',
};

/** Reads a string field of an event's data, or null when it is absent or not a string. */
export function stringField(data: unknown, ...names: string[]): string | null {
  if (typeof data !== 'object' || data === null) return null;
  for (const name of names) {
    const value = (data as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  return null;
}

/**
 * Referral-stream events that are not decisions on the journey (a flag for the queue, a message to the person):
 * read and passed over, not reported as oddities.
 */
export const REFERRAL_EVENTS_OUTSIDE_JOURNEY: ReadonlySet<string> = new Set(['UrgentTriageNeeded', 'SelfReferralAcknowledgementRequested', 'ReferralAcknowledgementRequested']);
