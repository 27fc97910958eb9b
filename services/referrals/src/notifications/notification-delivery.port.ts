import type { NotificationRequest } from '../shared/notification.port';

/**
 * The delivery side of the notification port (issue 12 item 18): what actually sends a requested letter or
 * message. The sender (`NotificationSender`) drains `notification_requests` through one of these adapters:
 * `OutboxFileDelivery` (letters written to a folder a print room or a mail gateway works through; runs anywhere)
 * or `GovUkNotifyDelivery` (GOV.UK Notify's HTTP API; configured by env, unproven against the live service here).
 */
export interface NotificationDelivery {
  /** Adapter name, recorded with each sent notification. */
  readonly name: string;
  /**
   * Sends one notification. Resolves with the gateway's reference; throws `DeliveryFailure` (retryable or not).
   * Called again for the same request id after a crash or a retry: adapters make that harmless where the gateway
   * allows (the outbox writes one file per id; GOV.UK Notify gets the request id as its `reference`).
   */
  deliver(notification: NotificationRequest): Promise<{ reference: string }>;
}

export const NOTIFICATION_DELIVERY = Symbol('NOTIFICATION_DELIVERY');

/**
 * Why a delivery failed, as a code only (never the gateway's text, which may quote an address or a name): the
 * sender stores and logs the code. `retryable` failures are tried again with backoff; the others stop at once.
 */
export class DeliveryFailure extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`notification delivery failed: ${code}`);
    this.name = 'DeliveryFailure';
  }
}

/** Which template a request is sent with: one per kind and channel, versioned with the wording. */
export const NOTIFICATION_TEMPLATES = {
  'referral-acknowledgement': { letter: 'referral-acknowledgement-letter/1', 'text-or-email': 'referral-acknowledgement-message/1' },
} as const satisfies Record<NotificationRequest['kind'], Record<NotificationRequest['channel'], string>>;
