import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppointmentReminder, NotificationPort } from './notification.port';

/**
 * The default notification adapter: records each reminder in `scheduling.notifications` with its status
 * (`scheduled`, `withdrawn`; a sender would add `sent`, `failed`). Nothing leaves the service.
 */
@Injectable()
export class NotificationsTableAdapter implements NotificationPort {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async schedule(r: AppointmentReminder): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "scheduling"."notifications" (notification_id, appointment_id, slot_id, patient_subject_id, organisation_id, kind,
         appointment_starts_at, send_at, status, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', now()) ON CONFLICT (notification_id) DO NOTHING`,
      [r.reminderId, r.appointmentId, r.slotId, r.patientSubjectId, r.organisationId, r.kind, r.appointmentStartsAt, r.sendAt],
    );
  }

  async withdraw(appointmentId: string, slotId: string, at: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "scheduling"."notifications" SET status = 'withdrawn', status_changed_at = $3
        WHERE appointment_id = $1 AND slot_id = $2 AND status = 'scheduled'`,
      [appointmentId, slotId, at],
    );
  }
}
