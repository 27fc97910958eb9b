import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { patientStreamId } from '../domain/patient-index/patient.events';
import type { NotificationRequest } from '../shared/notification.port';
import type { NotificationContact, NotificationContactResolver } from './gov-uk-notify.delivery';

/**
 * Contacts for GOV.UK Notify: a person's email (else mobile) from their patient record, read at the moment of
 * sending, of the channels they have not withdrawn (`contactChannels`). Organisations' postal addresses are not held (no ODS address book here): a letter to an organisation
 * resolves to none and stops with `no-postal-address`, visible as failed.
 */
@Injectable()
export class PatientRecordContactResolver implements NotificationContactResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async contactFor(notification: NotificationRequest): Promise<NotificationContact | null> {
    if (notification.recipient.kind !== 'patient') return null;
    let email: string | null = null;
    let phone: string | null = null;
    for (const event of await this.store.readStream(patientStreamId(notification.patientSubjectId))) {
      const data = event.data as { email?: unknown; phone?: unknown };
      if (typeof data.email === 'string' && data.email.trim() !== '') email = data.email.trim();
      if (typeof data.phone === 'string' && data.phone.trim() !== '') phone = data.phone.trim();
    }
    // Only the channels the person has not withdrawn (the sender narrows `contactChannels`; issue 15 item 5).
    const allowed = notification.contactChannels ?? ['email', 'sms'];
    if (email !== null && allowed.includes('email')) return { channel: 'email', emailAddress: email };
    if (phone !== null && allowed.includes('sms')) return { channel: 'sms', phoneNumber: phone };
    return null;
  }
}
