import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationPort, NotificationRequest } from '../shared/notification.port';

/**
 * The notification port backed by the `notification_requests` table of this service's schema: a letters/messages
 * gateway (or a person printing letters) works through the rows whose `sent_at` is null. Inserting the same id again
 * changes nothing, so a retried referral never asks twice.
 */
@Injectable()
export class TableNotificationAdapter implements NotificationPort {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async request(notification: NotificationRequest): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "referrals"."notification_requests"
         (id, kind, referral_id, patient_subject_id, sender_organisation, recipient_kind, recipient_organisation, channel, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO NOTHING`,
      [
        notification.id,
        notification.kind,
        notification.referralId,
        notification.patientSubjectId,
        notification.senderOrganisation,
        notification.recipient.kind,
        notification.recipient.kind === 'organisation' ? notification.recipient.organisationId : null,
        notification.channel,
        notification.requestedAt,
      ],
    );
  }
}
