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

export type NotificationDeliveryCommand =
  | { type: 'MarkNotificationSent'; data: NotificationFacts & { reference: string; sentAt: string } }
  | { type: 'MarkNotificationFailed'; data: NotificationFacts & { code: string; failedAt: string } };

export type NotificationDeliveryEvent =
  | { type: 'NotificationSent'; data: NotificationFacts & { reference: string; sentAt: string } }
  | { type: 'NotificationDeliveryFailed'; data: NotificationFacts & { code: string; failedAt: string } };

export interface NotificationDeliveryState {
  status: 'requested' | 'sent' | 'failed';
}

export const notificationDeliveryDecider: Decider<NotificationDeliveryCommand, NotificationDeliveryEvent, NotificationDeliveryState> = {
  initialState: { status: 'requested' },
  decide(command, state) {
    switch (command.type) {
      case 'MarkNotificationSent':
        return state.status === 'sent' ? [] : [{ type: 'NotificationSent', data: command.data }];
      case 'MarkNotificationFailed':
        return state.status === 'requested' ? [{ type: 'NotificationDeliveryFailed', data: command.data }] : [];
      default:
        return assertNever(command, 'notification command');
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'NotificationSent':
        return { status: 'sent' };
      case 'NotificationDeliveryFailed':
        return { status: 'failed' };
      default:
        return assertNever(event, 'notification event');
    }
  },
};
