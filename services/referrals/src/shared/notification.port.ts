import type { AcknowledgementRecipient } from '../domain/referral.decider';

/**
 * A request for a letter or a text/email (issue 12 item 18), as a row of `notification_requests`: recorded by the
 * referrals projection from each `ReferralAcknowledgementRequested` event (`recordAcknowledgementRequests`), drained by
 * the sender through a delivery adapter. It names the recipient by organisation code or by patient subject id only;
 * the sender looks up contact details itself, so no personal data passes through here. Requests are idempotent by id.
 */
export interface NotificationRequest {
  /** Stable per referral and purpose: a retry asks again under the same id and nothing is sent twice. */
  id: string;
  kind: 'referral-acknowledgement';
  referralId: string;
  patientSubjectId: string;
  /** The organisation the referral was sent to: the sender of the acknowledgement. */
  senderOrganisation: string;
  recipient: AcknowledgementRecipient;
  /** A letter to an organisation; a text or email to a person (the contact the patient index holds). */
  channel: 'letter' | 'text-or-email';
  /**
   * For `text-or-email`: the channels the person has not withdrawn (issue 15 item 5), decided by the sender at the
   * moment of sending; absent = both. Every adapter uses no other.
   */
  contactChannels?: ReadonlyArray<'email' | 'sms'>;
  requestedAt: string;
}
