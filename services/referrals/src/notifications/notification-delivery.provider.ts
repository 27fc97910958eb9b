import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import type { ReferralsConfig } from '../config';
import { GovUkNotifyDelivery } from './gov-uk-notify.delivery';
import { NOTIFICATION_DELIVERY, type NotificationDelivery } from './notification-delivery.port';
import { OutboxFileDelivery } from './outbox-file.delivery';
import { PatientRecordContactResolver } from './patient-contact.resolver';

/** The delivery adapter `NOTIFICATIONS_DELIVERY` names; `none` gives null (the sender then never runs). */
export function notificationDeliveryProvider(config: ReferralsConfig): Provider {
  return {
    provide: NOTIFICATION_DELIVERY,
    inject: [EVENT_STORE],
    useFactory: (store: EventStore): NotificationDelivery | null => {
      switch (config.NOTIFICATIONS_DELIVERY) {
        case 'outbox-files':
          return new OutboxFileDelivery(config.NOTIFICATIONS_OUTBOX_DIR as string);
        case 'gov-uk-notify':
          return new GovUkNotifyDelivery(
            {
              apiKey: config.NOTIFY_API_KEY as string,
              baseUrl: config.NOTIFY_BASE_URL,
              templates: { email: config.NOTIFY_TEMPLATE_EMAIL, sms: config.NOTIFY_TEMPLATE_SMS, letter: config.NOTIFY_TEMPLATE_LETTER },
            },
            new PatientRecordContactResolver(store),
          );
        case 'none':
          return null;
      }
    },
  };
}
