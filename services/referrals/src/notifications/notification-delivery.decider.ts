import { assertNever, type Decider } from '@stepwell/decider';

/**
 * What became of one requested notification, in `notification-<id>` (issue 12 item 18): sent once (with the
 * adapter and the gateway's reference), or finally failed (with the failure code only). Recorded by the sender;
 * the decider keeps each fact single, so a repeated run or two senders at once append it once.
 */
export const NOTIFICATION_CATEGORY = 'notification';
export const notificationStreamId = (notificationId: string): string => `${NOTIFICATION_CATEGORY}-${notificationId}`;

interface NotificationFacts {
  notificationId: string;
  referralId: string;
  kind: string;
  channel: string;
  /** The delivery adapter (`outbox-files`, `gov-uk-notify`). */
  adapter: string;
  /** Delivery attempts made, this one included. */
  attempts: number;
}

/**
 * The person withdrew consent to be contacted by a channel the request could use (issue 15 item 5, hazard H-CS2):
 * what the sender does instead — the channels left (`contactChannels`), or a letter when none is left.
 */
interface ChannelRestriction {
  notificationId: string;
  referralId: string;
  /** The channel requested (`text-or-email`). */
  requested: string;
  /** The channel used from now on: `text-or-email` narrowed to `contactChannels`, or `letter`. */
  channel: 'text-or-email' | 'letter';
  contactChannels: string[];
  reason: 'contact-consent-withdrawn';
  decidedAt: string;
}

export type NotificationDeliveryCommand =
  | { type: 'RestrictNotificationChannel'; data: ChannelRestriction }
  | { type: 'MarkNotificationSent'; data: NotificationFacts & { reference: string; sentAt: string } }
  | { type: 'MarkNotificationFailed'; data: NotificationFacts & { code: string; failedAt: string } };

export type NotificationDeliveryEvent =
  | { type: 'NotificationChannelRestricted'; data: ChannelRestriction }
  | { type: 'NotificationSent'; data: NotificationFacts & { reference: string; sentAt: string } }
  | { type: 'NotificationDeliveryFailed'; data: NotificationFacts & { code: string; failedAt: string } };

export interface NotificationDeliveryState {
  status: 'requested' | 'sent' | 'failed';
  /** The channel restriction last recorded (`channel` and `contactChannels`), if any. */
  restriction: string | null;
}

const restrictionOf = (data: ChannelRestriction): string => `${data.channel}:${[...data.contactChannels].sort().join(',')}`;

export const notificationDeliveryDecider: Decider<NotificationDeliveryCommand, NotificationDeliveryEvent, NotificationDeliveryState> = {
  initialState: { status: 'requested', restriction: null },
  decide(command, state) {
    switch (command.type) {
      // Recorded once per distinct restriction, and only before the notification went (or finally failed).
      case 'RestrictNotificationChannel':
        return state.status === 'requested' && state.restriction !== restrictionOf(command.data) ? [{ type: 'NotificationChannelRestricted', data: command.data }] : [];
      case 'MarkNotificationSent':
        return state.status === 'sent' ? [] : [{ type: 'NotificationSent', data: command.data }];
      case 'MarkNotificationFailed':
        return state.status === 'requested' ? [{ type: 'NotificationDeliveryFailed', data: command.data }] : [];
      default:
        return assertNever(command, 'notification command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'NotificationChannelRestricted':
        return { ...state, restriction: restrictionOf(event.data) };
      case 'NotificationSent':
        return { ...state, status: 'sent' };
      case 'NotificationDeliveryFailed':
        return { ...state, status: 'failed' };
      default:
        return assertNever(event, 'notification event');
    }
  },
};
